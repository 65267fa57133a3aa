-- How many deliveries each account has in each state (postgresql), kept by the database as rows
-- change, so the console's counts read a few rows instead of counting every delivery (100,000
-- deliveries took up to a second to count on H2). Keep in step with ../h2/V12__delivery_counts.sql.

-- Each change is added to the row of its connection's slot (pg_backend_pid() % 16), so concurrent
-- transactions (relay, dispatch, replays, on several replicas) seldom wait on one hot row; the
-- count of a state is the sum of its slots.
CREATE TABLE delivery_counts (
    account_name  VARCHAR(64) NOT NULL,
    state         VARCHAR(16) NOT NULL,
    slot          SMALLINT    NOT NULL,
    n             BIGINT      NOT NULL,
    PRIMARY KEY (account_name, state, slot)
);

INSERT INTO delivery_counts (account_name, state, slot, n)
SELECT account_name, state, 0, COUNT(*) FROM deliveries GROUP BY account_name, state;

CREATE FUNCTION count_delivery_states() RETURNS trigger AS $$
DECLARE
    my_slot SMALLINT := pg_backend_pid() % 16;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO delivery_counts AS c (account_name, state, slot, n) VALUES (OLD.account_name, OLD.state, my_slot, -1)
        ON CONFLICT (account_name, state, slot) DO UPDATE SET n = c.n - 1;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO delivery_counts AS c (account_name, state, slot, n) VALUES (NEW.account_name, NEW.state, my_slot, 1)
        ON CONFLICT (account_name, state, slot) DO UPDATE SET n = c.n + 1;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER deliveries_counted_on_insert_and_delete AFTER INSERT OR DELETE ON deliveries
    FOR EACH ROW EXECUTE FUNCTION count_delivery_states();
-- claims, deferrals and retries that stay pending change no count and run no trigger
CREATE TRIGGER deliveries_counted_on_state_change AFTER UPDATE OF state, account_name ON deliveries
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.account_name IS DISTINCT FROM NEW.account_name)
    EXECUTE FUNCTION count_delivery_states();
