-- Indexes for the delivery history as the console reads it (postgresql). Keep in step with
-- ../h2/V10__delivery_history_indexes.sql.

-- A page of an account's history, newest first (ORDER BY created_at DESC, uuid), is read from the
-- index in its order instead of sorting every delivery of the account: 100,000 deliveries took
-- a few hundred milliseconds a page on H2, sorted.
DROP INDEX deliveries_by_account;
CREATE INDEX deliveries_by_account ON deliveries (account_name, created_at DESC, uuid);
-- The same page of one state, and the counts per state, from one index.
CREATE INDEX deliveries_by_account_state ON deliveries (account_name, state, created_at DESC, uuid);
