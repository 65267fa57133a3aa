package dev.herald.bench;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * H2's rows written, counted by an {@link H2RowCountingTrigger} on each of Herald's tables (H2's
 * INFORMATION_SCHEMA has row counts but no count of writes), read from Herald's JVM where the
 * triggers run. A row trigger costs H2 a call per row written, so H2's figures are a little
 * slower with them than without. A trigger fires in the statement, before its transaction ends:
 * the rows of a transaction that rolls back stay counted.
 */
final class H2RowWrites implements RowWriteCounter {

    private final ChildHerald herald;

    private H2RowWrites(ChildHerald herald) {
        this.herald = herald;
    }

    /** Puts a counting trigger on every table Herald made (Flyway's history aside). */
    static H2RowWrites install(Jdbi sql, ChildHerald herald) {
        sql.useHandle(handle -> {
            List<String> tables = handle.createQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'PUBLIC' AND table_type = 'BASE TABLE' "
                    + "AND LOWER(table_name) <> 'flyway_schema_history'").mapTo(String.class).list();
            for (String table : tables) {
                handle.execute("CREATE TRIGGER \"bench_rows_" + table + "\" AFTER INSERT, UPDATE, DELETE ON \""
                        + table + "\" FOR EACH ROW CALL '" + H2RowCountingTrigger.class.getName() + "'");
            }
        });
        return new H2RowWrites(herald);
    }

    @Override
    public Map<String, TableWrites> read() {
        return herald.rowsWritten();
    }
}
