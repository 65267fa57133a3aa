package dev.herald.api;

import dev.herald.account.User;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers credentials that passed the bcrypt check for a minute. bcrypt is slow on purpose
 * (tens of milliseconds); API clients send the same Basic credentials on every request. Only a
 * SHA-256 of username and password is kept; deleting a user or changing a password forgets it.
 */
final class CredentialCache {

    private static final Duration LIFETIME = Duration.ofMinutes(1);
    private static final int LIMIT = 10_000;

    private record Entry(User user, Instant until) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    CredentialCache(Clock clock) {
        this.clock = clock;
    }

    User find(String username, String password) {
        Entry entry = entries.get(key(username, password));
        return entry != null && entry.until().isAfter(clock.instant()) ? entry.user() : null;
    }

    void remember(String username, String password, User user) {
        if (entries.size() >= LIMIT) {
            entries.clear();
        }
        entries.put(key(username, password), new Entry(user, clock.instant().plus(LIFETIME)));
    }

    void forget(String username) {
        entries.values().removeIf(entry -> entry.user().username().equals(username));
    }

    void forgetAccount(String account) {
        entries.values().removeIf(entry -> entry.user().account().equals(account));
    }

    private static String key(String username, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(username.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
