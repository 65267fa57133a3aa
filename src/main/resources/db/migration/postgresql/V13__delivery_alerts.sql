-- The scanning alerts that chose a delivery (postgresql). Keep in step with
-- ../h2/V13__delivery_alerts.sql: same columns.

-- Written by the relay with the delivery, read when its message is made, so the message names the
-- alerts (their names as they were when they fired: a renamed or deleted alert still reads as the
-- alert that sent it). A delivery that only selectors chose has no row.
CREATE TABLE delivery_alerts (
    delivery_uuid  VARCHAR(36)  NOT NULL REFERENCES deliveries (uuid) ON DELETE CASCADE,
    alert_id       VARCHAR(36)  NOT NULL,
    alert_name     VARCHAR(255) NOT NULL,
    PRIMARY KEY (delivery_uuid, alert_id)
);
