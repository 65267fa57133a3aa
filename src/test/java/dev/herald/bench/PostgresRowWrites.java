package dev.herald.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.Jdbi;

/**
 * PostgreSQL's counts, {@code n_tup_ins}, {@code n_tup_upd} and {@code n_tup_del} of
 * {@code pg_stat_user_tables}. The embedded PostgreSQL is 14: each backend sends its counts to the
 * statistics collector at the end of a transaction at most every 500 ms (there is no
 * {@code pg_stat_force_next_flush()} before 15), so a reading waits until two readings a second
 * apart agree. Rolled-back inserts count too; Herald rolls back only on errors.
 */
final class PostgresRowWrites implements RowWriteCounter {

    private static final long SETTLE_NANOS = 1_000_000_000L;
    private static final int MOST_READINGS = 20;

    private final Jdbi sql;

    PostgresRowWrites(Jdbi sql) {
        this.sql = sql;
    }

    @Override
    public Map<String, TableWrites> read() {
        Map<String, TableWrites> last = readOnce();
        for (int i = 0; i < MOST_READINGS; i++) {
            LockSupport.parkNanos(SETTLE_NANOS);
            Map<String, TableWrites> now = readOnce();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private Map<String, TableWrites> readOnce() {
        Map<String, TableWrites> counts = new TreeMap<>();
        // autocommit: a statement of its own reads a fresh statistics snapshot
        sql.useHandle(handle -> handle.createQuery("SELECT relname, n_tup_ins, n_tup_upd, n_tup_del "
                + "FROM pg_stat_user_tables WHERE schemaname = 'public'")
                .map((rows, context) -> Map.entry(rows.getString(1), new TableWrites(rows.getLong(2),
                        rows.getLong(3), rows.getLong(4))))
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue())));
        return counts;
    }
}
