-- How many deliveries each account has in each state (h2), kept by the database as rows change,
-- so the console's counts read a few rows instead of counting every delivery (100,000 deliveries
-- took up to a second to count on H2). Keep in step with ../postgresql/V12__delivery_counts.sql.

-- Each change is added to the row of its thread's slot (thread id % 16), so concurrent
-- transactions (relay, dispatch, replays) seldom wait on one hot row; the count of a state is the
-- sum of its slots. The trigger is Java (H2 has no procedural SQL): dev.herald.delivery.table.DeliveryCountsOnH2.
CREATE TABLE delivery_counts (
    account_name  VARCHAR(64) NOT NULL,
    state         VARCHAR(16) NOT NULL,
    slot          SMALLINT    NOT NULL,
    n             BIGINT      NOT NULL,
    PRIMARY KEY (account_name, state, slot)
);

INSERT INTO delivery_counts (account_name, state, slot, n)
SELECT account_name, state, 0, COUNT(*) FROM deliveries GROUP BY account_name, state;

CREATE TRIGGER deliveries_counted AFTER INSERT, UPDATE, DELETE ON deliveries
    FOR EACH ROW CALL 'dev.herald.delivery.table.DeliveryCountsOnH2';
