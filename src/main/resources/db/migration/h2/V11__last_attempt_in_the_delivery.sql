-- The latest attempt at a delivery, kept in its row (h2). Keep in step with
-- ../postgresql/V11__last_attempt_in_the_delivery.sql: same columns.

-- A delivery delivered at its attempt is written once when the attempt ends: its row says when that
-- attempt started and finished (with last_status_code), and no delivery_attempts row is written for
-- it. delivery_attempts keeps the attempts a delivered delivery needed before (retried ones), and
-- every attempt of one that was not delivered. The history the API shows is both.
ALTER TABLE deliveries ADD COLUMN last_attempt_started_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE deliveries ADD COLUMN last_attempt_finished_at TIMESTAMP WITH TIME ZONE;
