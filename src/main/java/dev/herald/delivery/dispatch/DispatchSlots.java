package dev.herald.delivery.dispatch;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The deliveries this process has in flight: claimed and not yet recorded. At most {@code inFlight}
 * in all and at most {@code perConfiguration} of one configuration (a bulkhead), so a receiver that
 * hangs ties up its own few slots and no other configuration's. Dispatch takes a slot for each
 * delivery it claims and frees it when the attempt's outcome is recorded; what does not fit waits
 * in the deliveries table, unclaimed, not in memory.
 * <p>
 * A configuration whose latest attempt failed and may be retried (a timeout, a refused connection, a
 * 5xx) is probed: one slot until an attempt succeeds, like a circuit breaker's half-open state. A
 * receiver that hangs then holds one slot, not its whole bulkhead, and its queue waits in the table.
 * While the probe is out, the rest of the queue is not due until the probe can have ended ({@link
 * #probeEnds}): claims defer it rather than pass over it again and again, so a failing receiver's
 * backlog costs no claim any reading.
 */
public final class DispatchSlots {

    private final int inFlight;
    private final int perConfiguration;
    private final Map<String, Integer> taken = new HashMap<>();
    private final Set<String> probed = new HashSet<>();
    /** Per probed configuration with its probe out: when that attempt ends at the latest. */
    private final Map<String, Instant> probes = new HashMap<>();
    private int total;

    public DispatchSlots(int inFlight, int perConfiguration) {
        this.inFlight = inFlight;
        this.perConfiguration = perConfiguration;
    }

    /** How many more deliveries may be claimed now. */
    public synchronized int free() {
        return inFlight - total;
    }

    /**
     * Whether a claim is worth its query now: a quarter of the slots free, or more. A claim per
     * finished attempt would cost a query for a delivery or two under load; waiting for a quarter
     * keeps claims in groups, and an idle Herald has all its slots free.
     */
    public synchronized boolean worthClaiming() {
        return inFlight - total >= Math.max(1, inFlight / 4);
    }

    /**
     * The configurations with every one of their slots taken, which a claim leaves out. Not those
     * with a probe out: their deliveries are deferred until it ends ({@link #probeEnds}).
     */
    public synchronized List<String> fullConfigurations() {
        return taken.entrySet().stream()
                .filter(entry -> entry.getValue() >= limitOf(entry.getKey()) && !probes.containsKey(entry.getKey()))
                .map(Map.Entry::getKey).toList();
    }

    /**
     * The configuration's latest attempt failed and may be retried: one slot from now on, for a probe.
     *
     * @return true when it was probed already: its attempts keep failing
     */
    public synchronized boolean failed(String configurationUuid) {
        return !probed.add(configurationUuid);
    }

    /**
     * An attempt of the configuration succeeded: its whole bulkhead again.
     *
     * @return true when it was probed: its receiver has recovered, and what waited for it may go
     */
    public synchronized boolean succeeded(String configurationUuid) {
        probes.remove(configurationUuid);
        return probed.remove(configurationUuid);
    }

    /**
     * A slot of the configuration was just taken for an attempt that ends by {@code endsBy}: if the
     * configuration is probed, that attempt is its probe.
     */
    public synchronized void attemptEndsBy(String configurationUuid, Instant endsBy) {
        if (probed.contains(configurationUuid)) {
            probes.put(configurationUuid, endsBy);
        }
    }

    /** When the probe of a failing configuration ends at the latest, while one is out. */
    public synchronized Optional<Instant> probeEnds(String configurationUuid) {
        return Optional.ofNullable(probes.get(configurationUuid));
    }

    private int limitOf(String configurationUuid) {
        return probed.contains(configurationUuid) ? 1 : perConfiguration;
    }

    /** Takes a slot for one delivery of the configuration, if one is free. */
    public synchronized boolean take(String configurationUuid) {
        if (total >= inFlight || taken.getOrDefault(configurationUuid, 0) >= limitOf(configurationUuid)) {
            return false;
        }
        taken.merge(configurationUuid, 1, Integer::sum);
        total++;
        return true;
    }

    /** Frees the slot of one delivery of the configuration. */
    public synchronized void free(String configurationUuid) {
        Integer held = taken.get(configurationUuid);
        if (held == null) {
            return;
        }
        if (held > 1) {
            taken.put(configurationUuid, held - 1);
        } else {
            taken.remove(configurationUuid);
            probes.remove(configurationUuid);
        }
        total--;
    }
}
