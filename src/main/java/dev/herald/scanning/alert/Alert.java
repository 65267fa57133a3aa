package dev.herald.scanning.alert;

import java.time.Instant;

/** A scanning alert (Sysdig's model) of one account. */
public record Alert(String alertId, String account, AlertSettings settings, Instant createdAt, Instant updatedAt) {
}
