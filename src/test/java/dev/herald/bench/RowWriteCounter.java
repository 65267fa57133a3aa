package dev.herald.bench;

import java.util.Map;

/**
 * The database's own count of the rows written to each of Herald's tables, so the rows a
 * notification costs are measured, not worked out from Herald's code. Every process writing to
 * the database is counted: the benchmark's event inserts too.
 */
interface RowWriteCounter {

    /** The counts so far, by lower-case table name, once every write made before the call is in them. */
    Map<String, TableWrites> read();
}
