package dev.herald.account;

import dev.herald.store.Columns;
import dev.herald.store.ConfigurationVersion;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The accounts table; the {@code admin} account always exists and cannot be deleted. */
public final class AccountRepository {

    public static final String ADMIN = "admin";

    private final Jdbi jdbi;

    public AccountRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public boolean exists(String name) {
        return find(name).isPresent();
    }

    public Optional<Account> find(String name) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT name, email, type, created_at FROM accounts WHERE name = :name")
                .bind("name", name)
                .map((rs, ctx) -> new Account(rs.getString("name"), rs.getString("email"), rs.getString("type"),
                        Columns.instant(rs, "created_at")))
                .findOne());
    }

    public List<Account> list() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT name, email, type, created_at FROM accounts ORDER BY name")
                .map((rs, ctx) -> new Account(rs.getString("name"), rs.getString("email"), rs.getString("type"),
                        Columns.instant(rs, "created_at")))
                .list());
    }

    /** @return false when an account of that name exists already */
    public boolean create(String name, String email, Instant at) {
        return jdbi.inTransaction(handle -> {
            if (handle.createQuery("SELECT COUNT(*) FROM accounts WHERE name = :name").bind("name", name)
                    .mapTo(Integer.class).one() > 0) {
                return false;
            }
            handle.createUpdate("INSERT INTO accounts (name, email, type, created_at) VALUES (:name, :email, 'user', :at)")
                    .bind("name", name)
                    .bind("email", email)
                    .bind("at", at.atOffset(ZoneOffset.UTC))
                    .execute();
            return true;
        });
    }

    /**
     * Deletes a user account with everything it owns: its users, configurations (with their
     * selectors and deliveries, by cascade) and its events.
     */
    public boolean delete(String name) {
        if (ADMIN.equals(name)) {
            throw new IllegalArgumentException("the admin account cannot be deleted");
        }
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("DELETE FROM events WHERE account_name = :name").bind("name", name).execute();
            int deleted = handle.createUpdate("DELETE FROM accounts WHERE name = :name").bind("name", name).execute();
            ConfigurationVersion.bump(handle);
            return deleted > 0;
        });
    }
}
