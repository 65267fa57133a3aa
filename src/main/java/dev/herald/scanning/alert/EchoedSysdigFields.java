package dev.herald.scanning.alert;

/**
 * Fields Sysdig's alerts have and Herald has no use for, kept and answered as given so that
 * Sysdig's clients can send and read back their alerts unchanged. They change nothing in Herald.
 *
 * @param autoscan      Sysdig scanned images found at runtime; Herald scans nothing itself
 * @param skipEventSend Sysdig could leave the alert out of its event feed; Herald notifies channels only
 * @param failedTrigger Sysdig's {@code triggers.failed}; Herald has no event it fires on
 */
public record EchoedSysdigFields(boolean autoscan, boolean skipEventSend, boolean failedTrigger) {

    public static final EchoedSysdigFields NONE = new EchoedSysdigFields(false, false, false);
}
