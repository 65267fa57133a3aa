-- Per-configuration timeouts (H2). Keep in step with ../postgresql/V5__configuration_timeouts.sql.

-- Herald's timeout_seconds: connect and response timeout for the configuration's receiver, in
-- seconds; NULL means herald.http.connect-timeout and herald.http.response-timeout.
ALTER TABLE endpoint_configurations ADD COLUMN timeout_seconds INTEGER
    CONSTRAINT endpoint_configurations_timeout_seconds CHECK (timeout_seconds BETWEEN 1 AND 300);
