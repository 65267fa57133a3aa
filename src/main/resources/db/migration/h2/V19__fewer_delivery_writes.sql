-- Fewer writes per delivery (H2). Keep in step with ../postgresql/V19__fewer_delivery_writes.sql.

-- The event's level on its delivery, written by the relay, which knows it: a claim reads it for
-- quiet hours that let some levels through without looking up every claimed delivery's event.
ALTER TABLE deliveries ADD COLUMN event_level VARCHAR(8);
UPDATE deliveries d SET event_level = (SELECT e.event_level FROM events e WHERE e.id = d.event_id);
ALTER TABLE deliveries ALTER COLUMN event_level SET NOT NULL;

-- delivery_counts keeps only settled deliveries (delivered, dead, suppressed), and Herald adds its own
-- settling writes' changes itself, once per write and per account and state (the recorder's outcomes,
-- a disabled configuration's ends), not per delivery through the trigger: that cost about three row
-- updates per delivered notification. Pending ones, the queue, are counted in the deliveries table
-- when asked. The trigger is left the rare changes Herald does not count: replays (a dead or
-- suppressed delivery back to pending) and deletes, also by cascade (a configuration, an account or
-- an event deleted).
DELETE FROM delivery_counts WHERE state = 'pending';
DROP TRIGGER deliveries_counted;
CREATE TRIGGER deliveries_counted AFTER UPDATE, DELETE ON deliveries
    FOR EACH ROW CALL 'dev.herald.delivery.table.DeliveryCountsOnH2';
