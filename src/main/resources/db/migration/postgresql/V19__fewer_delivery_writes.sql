-- Fewer writes per delivery (PostgreSQL). Keep in step with ../h2/V19__fewer_delivery_writes.sql.

-- The event's level on its delivery, written by the relay, which knows it: a claim reads it for
-- quiet hours that let some levels through without looking up every claimed delivery's event.
ALTER TABLE deliveries ADD COLUMN event_level VARCHAR(8);
UPDATE deliveries d SET event_level = e.event_level FROM events e WHERE e.id = d.event_id;
ALTER TABLE deliveries ALTER COLUMN event_level SET NOT NULL;

-- delivery_counts keeps only settled deliveries (delivered, dead, suppressed), and Herald adds its own
-- settling writes' changes itself, once per write and per account and state (the recorder's outcomes,
-- a disabled configuration's ends), not per delivery through the trigger: that cost about three row
-- updates per delivered notification. Pending ones, the queue, are counted in the deliveries table
-- when asked. The trigger is left the rare changes Herald does not count: replays (a dead or
-- suppressed delivery back to pending) and deletes, also by cascade (a configuration, an account or
-- an event deleted).
DELETE FROM delivery_counts WHERE state = 'pending';
DROP TRIGGER deliveries_counted_on_insert_and_delete ON deliveries;
DROP TRIGGER deliveries_counted_on_state_change ON deliveries;
CREATE OR REPLACE FUNCTION count_delivery_states() RETURNS trigger AS $$
DECLARE
    my_slot SMALLINT := pg_backend_pid() % 16;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF OLD.state <> 'pending' THEN
            INSERT INTO delivery_counts AS c (account_name, state, slot, n) VALUES (OLD.account_name, OLD.state, my_slot, -1)
            ON CONFLICT (account_name, state, slot) DO UPDATE SET n = c.n - 1;
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        IF NEW.state <> 'pending' THEN
            INSERT INTO delivery_counts AS c (account_name, state, slot, n) VALUES (NEW.account_name, NEW.state, my_slot, 1)
            ON CONFLICT (account_name, state, slot) DO UPDATE SET n = c.n + 1;
        END IF;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER deliveries_counted_on_delete AFTER DELETE ON deliveries
    FOR EACH ROW EXECUTE FUNCTION count_delivery_states();
CREATE TRIGGER deliveries_counted_on_replay AFTER UPDATE OF state ON deliveries
    FOR EACH ROW WHEN (OLD.state IN ('dead', 'suppressed') AND NEW.state IS DISTINCT FROM OLD.state)
    EXECUTE FUNCTION count_delivery_states();
