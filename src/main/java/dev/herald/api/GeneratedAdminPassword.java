package dev.herald.api;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A random admin password for a Herald started without {@code herald.admin.password}. It is
 * printed to the console (not to the log), once, so the operator can sign in; setting the
 * property or HERALD_ADMIN_PASSWORD avoids it.
 */
final class GeneratedAdminPassword {

    private GeneratedAdminPassword() {
    }

    static String create() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        System.out.println("Herald: no herald.admin.password was set; the admin password for this run is: " + password);
        return password;
    }
}
