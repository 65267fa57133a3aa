package dev.herald.delivery.table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Set;
import org.h2.api.Trigger;

/**
 * H2's trigger on the deliveries table that keeps {@code delivery_counts} for the changes Herald does
 * not count itself ({@link CountChanges}): a replay takes a dead or suppressed delivery away (back to
 * pending, which is not kept), a deleted settled one (also by cascade) takes one away (migration V19;
 * V12 counted every change here). PostgreSQL does the same in PL/pgSQL. Any other update costs a
 * comparison.
 */
public final class DeliveryCountsOnH2 implements Trigger {

    /** Spreads one account's counts over rows, so concurrent transactions seldom wait on one. */
    static final int SLOTS = 16;
    private static final Set<Object> REPLAYABLE = Set.of(DeliveryState.DEAD.apiName(), DeliveryState.SUPPRESSED.apiName());
    /** Adds n to the count of (account, state, slot); {@link CountChanges} writes with it on H2 too. */
    static final String ADD = "MERGE INTO delivery_counts c USING (VALUES (CAST(? AS VARCHAR(64)), "
            + "CAST(? AS VARCHAR(16)), CAST(? AS SMALLINT), CAST(? AS BIGINT))) AS change (account_name, state, slot, n) "
            + "ON c.account_name = change.account_name AND c.state = change.state AND c.slot = change.slot "
            + "WHEN MATCHED THEN UPDATE SET n = c.n + change.n "
            + "WHEN NOT MATCHED THEN INSERT (account_name, state, slot, n) "
            + "VALUES (change.account_name, change.state, change.slot, change.n)";

    private int account;
    private int state;

    @Override
    public void init(Connection connection, String schema, String trigger, String table, boolean before, int type)
            throws SQLException {
        account = column(connection, schema, table, "ACCOUNT_NAME");
        state = column(connection, schema, table, "STATE");
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        if (oldRow != null && newRow != null
                && (!REPLAYABLE.contains(oldRow[state]) || Objects.equals(oldRow[state], newRow[state]))) {
            return;
        }
        if (oldRow != null) {
            add(connection, oldRow, -1);
        }
        if (newRow != null) {
            add(connection, newRow, 1);
        }
    }

    private void add(Connection connection, Object[] row, int change) throws SQLException {
        if (DeliveryState.PENDING.apiName().equals(row[state])) {
            return; // counted in the deliveries table
        }
        try (PreparedStatement statement = connection.prepareStatement(ADD)) {
            statement.setObject(1, row[account]);
            statement.setObject(2, row[state]);
            statement.setInt(3, (int) (Thread.currentThread().getId() % SLOTS));
            statement.setLong(4, change);
            statement.executeUpdate();
        }
    }

    /** The position of a column in the rows H2 hands the trigger. */
    private static int column(Connection connection, String schema, String table, String name) throws SQLException {
        try (ResultSet columns = connection.getMetaData().getColumns(null, schema, table, name)) {
            if (!columns.next()) {
                throw new SQLException("no column " + name + " in " + table);
            }
            return columns.getInt("ORDINAL_POSITION") - 1;
        }
    }
}
