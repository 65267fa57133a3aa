package dev.herald.api;

import dev.herald.account.User;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers credentials that passed the bcrypt check for a minute. bcrypt is slow on purpose
 * (tens of milliseconds); API clients send the same Basic credentials on every request. Only an
 * HMAC-SHA256 of username and password is kept, under a random key of this process, so the keys
 * held here cannot be matched against precomputed hashes of common passwords, nor against another
 * Herald's; deleting a user or changing a password forgets it.
 */
final class CredentialCache {

    private static final Duration LIFETIME = Duration.ofMinutes(1);
    private static final int LIMIT = 10_000;
    private static final String ALGORITHM = "HmacSHA256";

    private record Entry(User user, Instant until) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final SecretKeySpec salt;

    CredentialCache(Clock clock) {
        this.clock = clock;
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.salt = new SecretKeySpec(random, ALGORITHM);
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

    private String key(String username, String password) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(salt);
            byte[] name = username.getBytes(StandardCharsets.UTF_8);
            // the name's length first: no other name and password give the same bytes
            mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(name.length).array());
            mac.update(name);
            mac.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            // every Java runtime has HmacSHA256, and the key is of its size
            throw new IllegalStateException(e);
        }
    }
}
