package dev.herald.endpoint.secret;

import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Makes Herald refuse to start with a key other than the one the stored secrets were encrypted
 * with, rather than fail every delivery later. The first Herald on a database stores a known text
 * encrypted with its key (table secret_key_check); every later start must be able to decrypt it.
 * This matters most with replicas on one PostgreSQL database: each must be given the same key.
 */
public final class SecretKeyCheck {

    static final String MISMATCH = "herald.secret-key does not match the key the stored secrets were encrypted with. "
            + "Start Herald with that key (herald.secret-key, or the HERALD_SECRET_KEY environment variable; when "
            + "neither is set, the secret.key file in herald.data-directory). Every Herald sharing a database needs "
            + "the same key.";
    private static final String CONTEXT = "secret-key-check";
    private static final String KNOWN_TEXT = "herald secret key check";

    private SecretKeyCheck() {
    }

    /**
     * Passes when the database's check decrypts with this key, and stores the check when the
     * database has none yet.
     *
     * @throws IllegalStateException naming herald.secret-key when the key is another one
     */
    public static void verify(Jdbi jdbi, SecretBox box) {
        String check = jdbi.withHandle(handle -> read(handle).orElseGet(() -> store(handle, box)));
        try {
            if (KNOWN_TEXT.equals(box.decrypt(check, CONTEXT))) {
                return;
            }
        } catch (SecretUnreadableException e) {
            // reported below
        }
        throw new IllegalStateException(MISMATCH);
    }

    private static Optional<String> read(Handle handle) {
        return handle.createQuery("SELECT key_check FROM secret_key_check WHERE id = 1").mapTo(String.class).findOne();
    }

    /** Stores this key's check; if another replica stored one in between, that one is the check. */
    private static String store(Handle handle, SecretBox box) {
        String check = box.encrypt(KNOWN_TEXT, CONTEXT);
        try {
            handle.createUpdate("INSERT INTO secret_key_check (id, key_check, created_at) VALUES (1, :check, :at)")
                    .bind("check", check)
                    .bind("at", Instant.now().atOffset(ZoneOffset.UTC))
                    .execute();
            return check;
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return read(handle).orElseThrow();
            }
            throw e;
        }
    }
}
