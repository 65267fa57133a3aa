package dev.herald.delivery.issue;

import dev.herald.event.Event;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What one issue is about: an event type on one resource of one account. Every repeat of the same
 * finding belongs in the same issue.
 *
 * @param key a short, stable hash of the three; the same in every process and release
 */
public record Finding(String key) {

    private static final int KEY_BYTES = 6;

    public static Finding of(Event event) {
        String resourceId = event.resource().id() == null ? "" : event.resource().id();
        // separated by a character that names and types do not hold, so the parts cannot run into each other
        String identity = event.accountName() + '\0' + event.type() + '\0' + resourceId;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return new Finding(HexFormat.of().formatHex(digest, 0, KEY_BYTES));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The label that marks the finding's issues in the tracker, so they can be found again without Herald's database. */
    public String label() {
        return "herald-" + key;
    }
}
