package dev.herald.delivery.table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import org.h2.api.Trigger;

/**
 * H2's trigger on the deliveries table (migration V12) that keeps {@code delivery_counts}: a new
 * delivery adds one to its account's state, a deleted one takes one away, a change of state moves
 * one from the old state to the new. PostgreSQL does the same in PL/pgSQL. Updates that leave the
 * state as it was (claims, deferrals, a retry that stays pending) cost a comparison.
 */
public final class DeliveryCountsOnH2 implements Trigger {

    /** Spreads one account's counts over rows, so concurrent transactions seldom wait on one. */
    private static final int SLOTS = 16;
    private static final String ADD = "MERGE INTO delivery_counts c USING (VALUES (CAST(? AS VARCHAR(64)), "
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
                && Objects.equals(oldRow[state], newRow[state]) && Objects.equals(oldRow[account], newRow[account])) {
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
