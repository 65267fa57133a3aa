package dev.herald.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** A digest of everything Herald stores, to show that a refused request changed nothing. */
public final class StoredRows {

    private StoredRows() {
    }

    /** A digest of every row of every Herald table (the schema history aside), on H2 and PostgreSQL alike. */
    public static String digest(Jdbi sql) {
        return sql.withHandle(StoredRows::digest);
    }

    /**
     * The same digest read through an open connection: a test that takes thousands of digests keeps
     * one, as each new PostgreSQL connection is a new server process that reads the catalog afresh.
     */
    public static String digest(Handle handle) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String table : handle.createQuery("SELECT table_name FROM information_schema.tables "
                + "WHERE LOWER(table_schema) = 'public' AND LOWER(table_name) <> 'herald_schema_history' ORDER BY table_name")
                .mapTo(String.class).list()) {
            sha.update(table.getBytes(StandardCharsets.UTF_8));
            for (Map<String, Object> row : handle.createQuery("SELECT * FROM \"" + table + "\" ORDER BY 1").mapToMap().list()) {
                sha.update(row.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
