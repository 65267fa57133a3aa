package dev.herald.api;

import dev.herald.account.AccountRepository;
import dev.herald.account.Role;

/**
 * Who is calling and for which account: every API route runs as an account.
 *
 * @param userAccount the account of the signed-in user
 * @param account     the account the request acts for: the user's own, or the one a user of the
 *                    admin account named in {@code x-anchore-account}
 */
public record Caller(String username, String userAccount, Role role, String account) {

    /** Users of the admin account administer the system. */
    public boolean isAdmin() {
        return AccountRepository.ADMIN.equals(userAccount);
    }

    Caller actingFor(String otherAccount) {
        return new Caller(username, userAccount, role, otherAccount);
    }
}
