-- H2 only; PostgreSQL's sequences need nothing alike (nextval writes no commit of its own).
-- H2 keeps an identity's next values in memory 32 at a time, and each time it takes the next 32
-- it writes the sequence's new high mark and commits that on its own: with WRITE_DELAY 0 (see
-- H2Settings) a store of every changed page to the file. A post of 500 events paid 16 of them;
-- they were 43% of POST /v2/events' CPU samples on H2 (IngestionBenchmark's profile). With 1,000
-- at a time, a restart may skip up to 1,000 ids: nothing relies on ids without gaps (the relay
-- picks rows by relayed_at, the API answers event_id).
ALTER TABLE events ALTER COLUMN id SET CACHE 1000;
