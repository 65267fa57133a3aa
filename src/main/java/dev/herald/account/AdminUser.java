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
 * one and prints it once to the console (not to the log). Setting the property later sets the
 * password again, which is how an operator recovers a lost one.
 */
public final class AdminUser {

    public static final String USERNAME = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(AdminUser.class);

    private AdminUser() {
    }

    public static void ensure(UserRepository users, Optional<String> configured, Clock clock) {
        Optional<String> stored = users.passwordHash(USERNAME);
        if (stored.isEmpty()) {
            String password = configured.orElseGet(AdminUser::generate);
            users.create(new User(USERNAME, AccountRepository.ADMIN, Role.READ_WRITE, clock.instant()), Passwords.hash(password));
            if (configured.isEmpty()) {
                System.out.println("Herald: the admin password is " + password
                        + " (shown once; set herald.admin.password or HERALD_ADMIN_PASSWORD to choose another)");
            }
        } else if (configured.isPresent() && !Passwords.matches(configured.get(), stored.get())) {
            users.setPassword(USERNAME, Passwords.hash(configured.get()));
            LOG.info("The admin password was set from herald.admin.password");
        }
    }

    private static String generate() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
