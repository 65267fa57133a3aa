-- Configurations that can be switched off (postgresql). Keep in step with ../h2/V16__configuration_enabled.sql.

-- enabled: false means the relay makes no deliveries for the configuration; a user sets it, or
-- Herald when every attempt failed for herald.delivery.disable-after or the receiver answered 410.
ALTER TABLE endpoint_configurations ADD COLUMN enabled BOOLEAN DEFAULT TRUE NOT NULL;
-- failing_since: the first failed attempt after the last delivered one; NULL while healthy.
ALTER TABLE endpoint_configurations ADD COLUMN failing_since TIMESTAMP WITH TIME ZONE;
