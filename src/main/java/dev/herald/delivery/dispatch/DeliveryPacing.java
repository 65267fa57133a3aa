package dev.herald.delivery.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each receiver within its configuration's rate limit, queueing rather than dropping. Dispatch
 * shows it every due delivery before claiming it. A configuration limited to r per second has send
 * slots 1/r apart: a delivery whose slot falls within the horizon (one dispatch interval, until the
 * next pass) is claimed and waits for its slot in the route, in Camel's Delay EIP, which holds no
 * thread; any other is deferred, pending with {@code next_attempt_at} just before its slot, so it
 * holds no claim and does not crowd other configurations' deliveries out of the next passes. A
 * {@code Retry-After} from a receiver holds its configuration until then, limited or not, so a busy
 * receiver is not met by the rest of its queue in the meantime.
 *
 * <p>The slots are this process's: replicas sharing a database each pace their own claims.
 */
public final class DeliveryPacing {

    /** Where one due delivery goes. */
    public sealed interface Placement permits SendAt, Defer {
    }

    /** Claim it now and send it at {@code at}, within the horizon. */
    public record SendAt(Instant at) implements Placement {
    }

    /** Leave it pending, due again at {@code until}. */
    public record Defer(Instant until) implements Placement {
    }

    private final Duration horizon;
    /** Per configuration: its next free slot, or the end of a receiver's hold. */
    private final Map<String, Instant> nextSlots = new ConcurrentHashMap<>();

    public DeliveryPacing(Duration horizon) {
        this.horizon = horizon;
    }

    /** One claim pass at {@code now}: it places the due deliveries it is shown, in the order of the queue. */
    public Pass pass(Instant now) {
        return new Pass(now);
    }

    /** Nothing more goes to the configuration's receiver before {@code until} (its {@code Retry-After}). */
    public void hold(String configurationUuid, Instant until) {
        nextSlots.merge(configurationUuid, until, (held, asked) -> held.isAfter(asked) ? held : asked);
    }

    /** The deliveries one pass has placed. */
    public final class Pass {

        private final Instant now;
        /** Per configuration, how many this pass deferred, so the deferred ones keep their order and spacing. */
        private final Map<String, Integer> deferred = new HashMap<>();

        private Pass(Instant now) {
            this.now = now;
        }

        /**
         * @param ratePerSecond the configuration's limit, or null for none (only a hold applies)
         */
        public Placement place(String configurationUuid, Integer ratePerSecond) {
            Instant free = nextSlots.getOrDefault(configurationUuid, now);
            Instant slot = free.isAfter(now) ? free : now;
            Duration spacing = ratePerSecond == null ? Duration.ZERO : Duration.ofNanos(1_000_000_000L / ratePerSecond);
            if (slot.isAfter(now.plus(horizon))) {
                int ahead = deferred.merge(configurationUuid, 1, Integer::sum) - 1;
                return new Defer(slot.plus(spacing.multipliedBy(ahead)).minus(horizon));
            }
            if (ratePerSecond != null) {
                nextSlots.put(configurationUuid, slot.plus(spacing));
            } else if (!free.isAfter(now)) {
                // an unlimited configuration's hold is over: nothing to remember
                nextSlots.remove(configurationUuid);
            }
            return new SendAt(slot);
        }
    }
}
