package dev.herald.bench;

import java.sql.Connection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.h2.api.Trigger;

/**
 * An H2 row trigger that counts the rows inserted, updated and deleted in its table. H2 keeps no
 * such counter, so {@link H2RowWrites} puts one of these on each of Herald's tables. It runs in
 * the JVM that has the database open, Herald's (the benchmark's statements reach it through H2's
 * server there), and its counts stay in that JVM: {@link ChildHeraldMain} prints them when asked.
 */
public final class H2RowCountingTrigger implements Trigger {

    private static final Map<String, LongAdder[]> COUNTS = new ConcurrentHashMap<>();

    private LongAdder[] counts;

    @Override
    public void init(Connection connection, String schema, String trigger, String table, boolean before, int type) {
        counts = COUNTS.computeIfAbsent(table.toLowerCase(Locale.ROOT),
                name -> new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder()});
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) {
        counts[oldRow == null ? 0 : newRow == null ? 2 : 1].increment();
    }

    /** The counts so far, by table. */
    static Map<String, TableWrites> counts() {
        Map<String, TableWrites> counts = new TreeMap<>();
        COUNTS.forEach((table, c) -> counts.put(table, new TableWrites(c[0].sum(), c[1].sum(), c[2].sum())));
        return counts;
    }
}
