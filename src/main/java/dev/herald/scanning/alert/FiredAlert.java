package dev.herald.scanning.alert;

/** A scanning alert that chose a delivery, as its message names it: by its id and its name when it fired. */
public record FiredAlert(String alertId, String name) {
}
