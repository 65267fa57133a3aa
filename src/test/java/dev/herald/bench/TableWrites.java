package dev.herald.bench;

import java.util.Map;
import java.util.TreeMap;

/** Rows a database counts as inserted, updated and deleted in one table. */
record TableWrites(long inserted, long updated, long deleted) {

    static final TableWrites NONE = new TableWrites(0, 0, 0);

    long total() {
        return inserted + updated + deleted;
    }

    TableWrites minus(TableWrites before) {
        return new TableWrites(inserted - before.inserted, updated - before.updated, deleted - before.deleted);
    }

    /** What was written between two readings, per table; tables nothing was written to are left out. */
    static Map<String, TableWrites> between(Map<String, TableWrites> before, Map<String, TableWrites> after) {
        Map<String, TableWrites> written = new TreeMap<>();
        after.forEach((table, writes) -> {
            TableWrites difference = writes.minus(before.getOrDefault(table, NONE));
            if (difference.total() != 0) {
                written.put(table, difference);
            }
        });
        return written;
    }
}
