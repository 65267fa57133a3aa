package dev.herald.bench;

import dev.herald.support.HangingReceiver;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * The broken-receivers scenario ({@code --broken-receivers=N}): N configurations post to a receiver
 * that accepts connections and never answers ({@link HangingReceiver}: one selector thread, no
 * thread per connection), N to one that answers 503 at once; the others to the healthy receiver.
 * The broken ones keep their selectors, so each matches as many events as a healthy one and they
 * compete for Herald's dispatch. Each is the first configuration of its topic in its account
 * (configuration k: account k mod accounts, topic k / accounts), so every event of a broken one also
 * goes to a healthy one. {@link #none()} is the same run without them.
 */
final class BrokenReceivers implements AutoCloseable {

    private final Set<Integer> hanging = new HashSet<>();
    private final Set<Integer> unavailable = new HashSet<>();
    private final HangingReceiver hangingReceiver;
    private final CountingReceiver unavailableReceiver;

    private BrokenReceivers() {
        hangingReceiver = null;
        unavailableReceiver = null;
    }

    private BrokenReceivers(int each, PipelineWorkload workload) throws IOException {
        int pairs = workload.accounts() * workload.topics();
        if (2 * each > pairs) {
            throw new IllegalArgumentException("--broken-receivers=" + each + " needs " + 2 * each
                    + " topics of accounts; " + workload.configurations() + " configurations have " + pairs);
        }
        for (int k = 0; k < 2 * each; k++) {
            int configuration = workload.configuration(k % workload.accounts(),
                    (k / workload.accounts()) * PipelineWorkload.FAN_OUT);
            (k < each ? hanging : unavailable).add(configuration);
        }
        hangingReceiver = new HangingReceiver();
        unavailableReceiver = new CountingReceiver(503);
    }

    static BrokenReceivers none() {
        return new BrokenReceivers();
    }

    /** {@code each} configurations on a receiver that never answers and {@code each} on one answering 503. */
    static BrokenReceivers of(int each, PipelineWorkload workload) throws IOException {
        return each == 0 ? none() : new BrokenReceivers(each, workload);
    }

    /** Configurations posting to a broken receiver. */
    int configurations() {
        return hanging.size() + unavailable.size();
    }

    /** The URL configuration {@code i} posts to. */
    String url(int configuration, CountingReceiver healthy) {
        String path = "/hook/" + configuration;
        return hanging.contains(configuration) ? hangingReceiver.url(path)
                : unavailable.contains(configuration) ? unavailableReceiver.url(path) : healthy.url(path);
    }

    /** Notifications of events {@code first} to {@code first + count - 1} that go to healthy configurations. */
    long healthyNotifications(PipelineWorkload workload, long first, long count) {
        long healthy = 0;
        for (long event = first; event < first + count; event++) {
            for (int configuration : workload.configurationsOf(event)) {
                if (!hanging.contains(configuration) && !unavailable.contains(configuration)) {
                    healthy++;
                }
            }
        }
        return healthy;
    }

    /** Connections opened to the receiver that never answers so far, and requests answered 503. */
    long hangingConnections() {
        return hangingReceiver == null ? 0 : hangingReceiver.connections();
    }

    long unavailableRequests() {
        return unavailableReceiver == null ? 0 : unavailableReceiver.received();
    }

    @Override
    public void close() {
        if (hangingReceiver != null) {
            hangingReceiver.close();
        }
        if (unavailableReceiver != null) {
            unavailableReceiver.close();
        }
    }
}
