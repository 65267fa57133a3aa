package dev.herald.account;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;

/**
 * Password hashing with bcrypt. Passwords longer than bcrypt's 72 bytes are pre-hashed with
 * SHA-512 rather than cut, so every character counts.
 */
public final class Passwords {

    private static final int COST = 10;
    private static final BCrypt.Hasher HASHER =
            BCrypt.with(BCrypt.Version.VERSION_2A, LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2A));
    private static final BCrypt.Verifyer VERIFIER =
            BCrypt.verifyer(BCrypt.Version.VERSION_2A, LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2A));
    /** Checked against when the user does not exist, so a wrong username takes as long as a wrong password. */
    private static final String DECOY = hash("decoy password of no user");

    private Passwords() {
    }

    public static String hash(String password) {
        return HASHER.hashToString(COST, password.toCharArray());
    }

    public static boolean matches(String password, String hash) {
        return VERIFIER.verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** Spends the time of one check and answers false. */
    public static boolean matchesNoUser(String password) {
        matches(password, DECOY);
        return false;
    }
}
