-- Issue trackers (H2). Keep in step with ../postgresql/V2__issue_trackers.sql: same tables and columns.

-- The issue number (GitHub, "42") or key (Jira, "SEC-7") a delivery created or commented on.
ALTER TABLE deliveries ADD COLUMN external_id VARCHAR(255);

-- The issue Herald opened for a finding (account, event type, resource id) in one configuration's
-- tracker, so a repeat of the finding comments on it instead of opening another. A lost row costs
-- nothing but a search: the issue also carries the finding's label (herald-<finding_key>).
CREATE TABLE finding_issues (
    configuration_uuid  VARCHAR(36)  NOT NULL REFERENCES endpoint_configurations (uuid) ON DELETE CASCADE,
    finding_key         VARCHAR(64)  NOT NULL,
    external_id         VARCHAR(255) NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (configuration_uuid, finding_key)
);
