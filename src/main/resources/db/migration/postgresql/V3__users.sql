-- Users sign in with HTTP Basic and act for their account. Usernames are unique across accounts,
-- as in Anchore; only a bcrypt hash of the password is stored.
CREATE TABLE users (
    username       VARCHAR(64)  PRIMARY KEY,
    account_name   VARCHAR(64)  NOT NULL REFERENCES accounts (name) ON DELETE CASCADE,
    role           VARCHAR(16)  NOT NULL CHECK (role IN ('read-only', 'read-write')),
    password_hash  VARCHAR(100) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX users_by_account ON users (account_name);
