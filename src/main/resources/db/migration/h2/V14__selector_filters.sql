-- A selector's optional filters after Anchore's four fields (h2). Keep in step with
-- ../postgresql/V14__selector_filters.sql: same columns.

-- min_severity: a vulnerability update matches only when it added or updated one at or above it.
-- filter_expression: a CEL expression over the event, compiled by the API before it is stored.
ALTER TABLE selectors ADD COLUMN min_severity VARCHAR(16)
    CHECK (min_severity IN ('Critical', 'High', 'Medium', 'Low', 'Negligible', 'Unknown'));
ALTER TABLE selectors ADD COLUMN filter_expression VARCHAR(4000);

-- The floor of a delivery's message, from the selectors that chose it: its vulnerability lists keep
-- only those at or above it. NULL: every vulnerability.
ALTER TABLE deliveries ADD COLUMN min_severity VARCHAR(16);
