package dev.herald.scanning.alert;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The delivery_alerts table: which scanning alerts chose a delivery. The relay writes it with the
 * delivery, in the same transaction; the message of the delivery reads it to name its alerts.
 */
public final class DeliveryAlerts {

    private final Jdbi jdbi;

    public DeliveryAlerts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @param byDelivery the alerts that chose each delivery, by delivery uuid */
    public void record(Handle handle, Map<String, List<FiredAlert>> byDelivery) {
        if (byDelivery.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("INSERT INTO delivery_alerts (delivery_uuid, alert_id, alert_name) "
                + "VALUES (:delivery, :alert, :name)");
        byDelivery.forEach((delivery, alerts) -> alerts.forEach(alert -> batch.bind("delivery", delivery)
                .bind("alert", alert.alertId())
                .bind("name", alert.name())
                .add()));
        batch.execute();
    }

    /** The alerts that chose the delivery, by name; empty when selectors alone chose it. */
    public List<FiredAlert> of(String deliveryUuid) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT alert_id, alert_name FROM delivery_alerts "
                        + "WHERE delivery_uuid = :delivery ORDER BY alert_name, alert_id")
                .bind("delivery", deliveryUuid)
                .map((row, context) -> new FiredAlert(row.getString("alert_id"), row.getString("alert_name")))
                .list());
    }
}
