package dev.herald.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the {@code admin} user of the admin account exists. Its password comes from
 * {@code herald.admin.password} (also HERALD_ADMIN_PASSWORD); without it, the first start makes up
 * one, which the caller shows once (only its hash is stored). Setting the property later sets the
 * password again, which is how an operator recovers a lost one.
 */
public final class AdminUser {

    public static final String USERNAME = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(AdminUser.class);

    private AdminUser() {
    }

    /**
     * Creates the admin user if there is none, or sets its password to the configured one.
     *
     * @return the password made up for a new admin user when none was configured: the only time
     *         it exists in clear, for the caller to show once
     */
    public static Optional<String> ensure(UserRepository users, Optional<String> configured, Clock clock) {
        Optional<String> stored = users.passwordHash(USERNAME);
        if (stored.isEmpty()) {
            String password = configured.orElseGet(AdminUser::generate);
            users.create(new User(USERNAME, AccountRepository.ADMIN, Role.READ_WRITE, clock.instant()), Passwords.hash(password));
            return configured.isEmpty() ? Optional.of(password) : Optional.empty();
        }
        if (configured.isPresent() && !Passwords.matches(configured.get(), stored.get())) {
            users.setPassword(USERNAME, Passwords.hash(configured.get()));
            LOG.info("The admin password was set from herald.admin.password");
        }
        return Optional.empty();
    }

    private static String generate() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
