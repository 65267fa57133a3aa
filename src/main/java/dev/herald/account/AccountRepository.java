package dev.herald.account;

import org.jdbi.v3.core.Jdbi;

/** The accounts table; the {@code admin} account always exists. */
public final class AccountRepository {

    public static final String ADMIN = "admin";

    private final Jdbi jdbi;

    public AccountRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public boolean exists(String name) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM accounts WHERE name = :name")
                .bind("name", name)
                .mapTo(Integer.class)
                .one()) > 0;
    }
}
