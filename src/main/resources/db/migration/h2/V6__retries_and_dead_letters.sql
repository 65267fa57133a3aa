-- Retries, dead letters and rate limits (H2). Keep in step with ../postgresql/V6__retries_and_dead_letters.sql:
-- same tables, columns and constraints.

-- 'failed' gives way to 'dead': a delivery that will not be tried again (a terminal answer, or the
-- retry budget spent), kept with its history and replayable. A delivery waiting for its next retry
-- stays 'pending' with a later next_attempt_at. Rows that failed before retries existed are dead.
-- H2 named the old CHECK constraint itself, so the column is rebuilt rather than the constraint dropped.
ALTER TABLE deliveries ADD COLUMN state_v6 VARCHAR(16);
UPDATE deliveries SET state_v6 = CASE state WHEN 'failed' THEN 'dead' ELSE state END;
DROP INDEX deliveries_due;
ALTER TABLE deliveries DROP COLUMN state;
ALTER TABLE deliveries ALTER COLUMN state_v6 RENAME TO state;
ALTER TABLE deliveries ALTER COLUMN state SET NOT NULL;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_state CHECK (state IN ('pending', 'delivered', 'dead', 'suppressed'));
CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);

-- A replay starts a new retry budget: herald.delivery.max-attempts counts the attempts after
-- attempts_before_replay, herald.delivery.max-age runs from replayed_at (from created_at before any replay).
ALTER TABLE deliveries ADD COLUMN replayed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE deliveries ADD COLUMN attempts_before_replay INT DEFAULT 0 NOT NULL;

-- Every attempt at a delivery, so a dead letter shows its whole history. error is redacted as
-- deliveries.last_error is. outcome: what followed the attempt (delivered; a retry was scheduled;
-- the delivery went dead; not sent because its endpoint type was disabled).
CREATE TABLE delivery_attempts (
    delivery_uuid  VARCHAR(36) NOT NULL REFERENCES deliveries (uuid) ON DELETE CASCADE,
    attempt        INT         NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    status_code    INT,
    error          VARCHAR(2048),
    outcome        VARCHAR(16) NOT NULL CONSTRAINT delivery_attempts_outcome
                   CHECK (outcome IN ('delivered', 'retry', 'dead', 'suppressed')),
    PRIMARY KEY (delivery_uuid, attempt)
);

-- Herald's rate_limit_per_second: the most deliveries per second the configuration's receiver
-- gets; NULL means its endpoint type's default (Slack 1, the others none).
ALTER TABLE endpoint_configurations ADD COLUMN rate_limit_per_second INTEGER
    CONSTRAINT endpoint_configurations_rate_limit CHECK (rate_limit_per_second BETWEEN 1 AND 1000);
