-- Secrets at rest (PostgreSQL). Keep in step with ../h2/V4__secret_key_check.sql: same table and columns.

-- One row: a known text encrypted with the key of the first Herald that started on this database
-- (enc:v1:... as the secrets in endpoint_configurations.settings). A Herald whose key cannot decrypt
-- it refuses to start: it could not decrypt the stored secrets either.
CREATE TABLE secret_key_check (
    id          INT          PRIMARY KEY CHECK (id = 1),
    key_check   VARCHAR(255) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
