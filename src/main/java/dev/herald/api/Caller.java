package dev.herald.api;

import dev.herald.account.AccountRepository;

/**
 * Who is calling and for which account: every API route runs as an account.
 *
 * @param account the account the request acts for: the user's own, or the one an admin named in
 *                {@code x-anchore-account}
 */
public record Caller(String username, String userAccount, String account) {

    /** Users of the admin account administer the system. */
    public boolean isAdmin() {
        return AccountRepository.ADMIN.equals(userAccount);
    }
}
