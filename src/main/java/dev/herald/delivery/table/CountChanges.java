package dev.herald.delivery.table;

import dev.herald.store.Database;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * What one write does to the console's per-account counts of settled deliveries ({@code
 * delivery_counts}: delivered, dead, suppressed), gathered while it writes and added in the same
 * transaction: one row per account and state that changed, however many deliveries the write
 * touched. Herald counts its own settling writes this way (the recorder's outcomes, the ends of a
 * disabled configuration's deliveries); the database's trigger counts the rest (replays, deletes,
 * also by cascade), migration V19. Pending deliveries are not kept here but counted in the table
 * ({@link DeliveryRepository#countByState}): the queue is short, and its count would cost a write
 * at every insert and every outcome.
 */
final class CountChanges {

    private static final String ON_POSTGRESQL = "INSERT INTO delivery_counts AS c (account_name, state, slot, n) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (account_name, state, slot) DO UPDATE SET n = c.n + EXCLUDED.n";

    /** Sorted, so two writes lock their count rows in the same order and never wait on each other in a circle. */
    private final Map<String, Map<DeliveryState, Long>> changes = new TreeMap<>();

    void add(String account, DeliveryState state, long n) {
        if (state == DeliveryState.PENDING) {
            return;
        }
        changes.computeIfAbsent(account, key -> new TreeMap<>()).merge(state, n, Long::sum);
    }

    /** {@code n} deliveries of the account went from one state to another. */
    void move(String account, DeliveryState from, DeliveryState to, long n) {
        if (from != to) {
            add(account, from, -n);
            add(account, to, n);
        }
    }

    /** Adds the changes to the counts, in the caller's transaction. */
    void write(Handle handle) {
        PreparedBatch batch = handle.prepareBatch(Database.of(handle) == Database.H2 ? DeliveryCountsOnH2.ADD : ON_POSTGRESQL);
        // over the trigger's rows, so concurrent writes seldom wait on one
        int slot = ThreadLocalRandom.current().nextInt(DeliveryCountsOnH2.SLOTS);
        changes.forEach((account, states) -> states.forEach((state, n) -> {
            if (n != 0) {
                batch.bind(0, account).bind(1, state.apiName()).bind(2, slot).bind(3, n).add();
            }
        }));
        if (batch.size() > 0) {
            batch.execute();
        }
    }
}
