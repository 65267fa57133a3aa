-- Which Herald process did the work (PostgreSQL). Keep in step with ../h2/V7__work_attribution.sql.

-- The claimant name (host-pid-random, as in deliveries.claimed_by) of the process that relayed the
-- event, and of the one whose request the receiver accepted (set with delivered_at). claimed_by is
-- cleared when an outcome is recorded, so without these nothing tells, afterwards, which of several
-- replicas relayed or sent what: operators look here when one replica misbehaves.
ALTER TABLE events ADD COLUMN relayed_by VARCHAR(64);
ALTER TABLE deliveries ADD COLUMN delivered_by VARCHAR(64);
