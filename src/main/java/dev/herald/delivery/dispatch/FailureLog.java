package dev.herald.delivery.dispatch;

import dev.herald.delivery.outcome.DeliveryOutcome;
import dev.herald.delivery.table.ClaimedDelivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed attempts in the log, at WARN: each once, with its configuration, endpoint type, status,
 * reason (already redacted, as every failure text is) and what follows, retried at a time or dead.
 * A broken receiver fails on every attempt, so each configuration gets at most {@link #LINES} lines
 * a {@link #WINDOW}; the lines left out are counted, and said in one summary line when the window closes.
 */
public final class FailureLog {

    static final int LINES = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(FailureLog.class);

    private final Clock clock;
    /** Per configuration, its open window. */
    private final Map<String, Window> windows = new HashMap<>();

    public FailureLog(Clock clock) {
        this.clock = clock;
    }

    private static final class Window {
        final Instant opened;
        int logged;
        int left;

        Window(Instant opened) {
            this.opened = opened;
        }
    }

    /** One failed attempt, which will be tried again at {@code retryAt}. */
    public void retried(DeliveryOutcome outcome, ClaimedDelivery delivery, Instant retryAt) {
        if (allowed(outcome.configurationUuid())) {
            LOG.warn("Delivery {} to {} configuration {} failed (attempt {}): {}; retried at {}", delivery.uuid(),
                    delivery.endpointType(), outcome.configurationUuid(), delivery.attempt(), reason(outcome), retryAt);
        }
    }

    /** One failed attempt after which the delivery is dead. */
    public void dead(DeliveryOutcome outcome, ClaimedDelivery delivery, String why) {
        if (allowed(outcome.configurationUuid())) {
            LOG.warn("Delivery {} to {} configuration {} failed (attempt {}): {}", delivery.uuid(),
                    delivery.endpointType(), outcome.configurationUuid(), delivery.attempt(), reason(outcome));
        }
        if (allowed(outcome.configurationUuid())) {
            LOG.warn("Delivery {} to {} configuration {} is dead: {}", delivery.uuid(), delivery.endpointType(),
                    outcome.configurationUuid(), why);
        }
    }

    /** Says what closed windows left out, and forgets them. */
    public synchronized void closeWindows() {
        Instant now = clock.instant();
        for (Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Window> entry = it.next();
            if (!now.isBefore(entry.getValue().opened.plus(WINDOW))) {
                summarize(entry.getKey(), entry.getValue());
                it.remove();
            }
        }
    }

    private synchronized boolean allowed(String configurationUuid) {
        Instant now = clock.instant();
        Window window = windows.get(configurationUuid);
        if (window != null && !now.isBefore(window.opened.plus(WINDOW))) {
            summarize(configurationUuid, window);
            window = null;
        }
        if (window == null) {
            window = new Window(now);
            windows.put(configurationUuid, window);
        }
        if (window.logged < LINES) {
            window.logged++;
            return true;
        }
        window.left++;
        return false;
    }

    private static void summarize(String configurationUuid, Window window) {
        if (window.left > 0) {
            LOG.warn("Configuration {}: {} more failure lines in the minute from {} were not logged", configurationUuid,
                    window.left, window.opened);
        }
    }

    private static String reason(DeliveryOutcome outcome) {
        return outcome.statusCode() == null || outcome.error() != null && outcome.error().startsWith("HTTP ")
                ? String.valueOf(outcome.error())
                : "status " + outcome.statusCode() + ", " + outcome.error();
    }
}
