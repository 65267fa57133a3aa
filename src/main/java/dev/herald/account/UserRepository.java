package dev.herald.account;

import dev.herald.store.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The users table. Usernames are unique across accounts; only password hashes are stored. */
public final class UserRepository {

    private static final String SELECT = "SELECT username, account_name, role, created_at FROM users ";

    private final Jdbi jdbi;

    public UserRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<User> find(String username) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + "WHERE username = :username")
                .bind("username", username)
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    public Optional<String> passwordHash(String username) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT password_hash FROM users WHERE username = :username")
                .bind("username", username)
                .mapTo(String.class)
                .findOne());
    }

    public List<User> list(String account) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + "WHERE account_name = :account ORDER BY username")
                .bind("account", account)
                .map((rs, ctx) -> map(rs))
                .list());
    }

    /** @return false when the username is taken (in any account) */
    public boolean create(User user, String passwordHash) {
        return jdbi.inTransaction(handle -> {
            if (handle.createQuery("SELECT COUNT(*) FROM users WHERE username = :username")
                    .bind("username", user.username()).mapTo(Integer.class).one() > 0) {
                return false;
            }
            handle.createUpdate("INSERT INTO users (username, account_name, role, password_hash, created_at) "
                            + "VALUES (:username, :account, :role, :hash, :at)")
                    .bind("username", user.username())
                    .bind("account", user.account())
                    .bind("role", user.role().apiName())
                    .bind("hash", passwordHash)
                    .bind("at", user.createdAt().atOffset(ZoneOffset.UTC))
                    .execute();
            return true;
        });
    }

    public void setPassword(String username, String passwordHash) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE users SET password_hash = :hash WHERE username = :username")
                .bind("hash", passwordHash)
                .bind("username", username)
                .execute());
    }

    /** @return false when the account has no such user */
    public boolean setRole(String account, String username, Role role) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE users SET role = :role "
                        + "WHERE username = :username AND account_name = :account")
                .bind("role", role.apiName())
                .bind("username", username)
                .bind("account", account)
                .execute()) > 0;
    }

    public boolean delete(String account, String username) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM users WHERE username = :username AND account_name = :account")
                .bind("username", username)
                .bind("account", account)
                .execute()) > 0;
    }

    private static User map(ResultSet rs) throws SQLException {
        return new User(rs.getString("username"), rs.getString("account_name"),
                Role.parse(rs.getString("role")).orElseThrow(), Columns.instant(rs, "created_at"));
    }

}
