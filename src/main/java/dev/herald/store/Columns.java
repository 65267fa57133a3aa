package dev.herald.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reads column values the same way on H2 and PostgreSQL. */
public final class Columns {

    private Columns() {
    }

    /** A timestamp column as an instant; both databases hand it over as an offset date-time. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
