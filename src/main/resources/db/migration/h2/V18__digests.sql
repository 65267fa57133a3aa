-- Digests (H2). Keep in step with ../postgresql/V18__digests.sql.

-- Herald's digest of a configuration: its deliveries go out together, one message per window of
-- digest_window_seconds or per digest_max_events; both NULL for none.
ALTER TABLE endpoint_configurations ADD COLUMN digest_window_seconds INTEGER;
ALTER TABLE endpoint_configurations ADD COLUMN digest_max_events INTEGER;

-- The digest a delivery went out in, set when dispatch claims the digest and kept across its retries
-- (the digest's id is what receivers dedupe by); NULL for a delivery sent on its own.
ALTER TABLE deliveries ADD COLUMN digest_id VARCHAR(36);
CREATE INDEX deliveries_by_digest ON deliveries (digest_id);
