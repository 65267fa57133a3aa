-- Quiet hours (H2). Keep in step with ../postgresql/V17__quiet_hours.sql.

-- Herald's mute and mute_except_levels, as the JSON object a request gives them in
-- ({"mute": [{"days", "start", "end", "timezone"}], "mute_except_levels": [...]}); NULL for none.
ALTER TABLE endpoint_configurations ADD COLUMN quiet_hours CHARACTER VARYING;
