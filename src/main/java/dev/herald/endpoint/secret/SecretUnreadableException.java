package dev.herald.endpoint.secret;

/**
 * A stored secret that this key cannot decrypt: encrypted with another key or for another context,
 * or altered. The message says which check failed and never holds the value.
 */
public final class SecretUnreadableException extends RuntimeException {

    SecretUnreadableException(String reason) {
        super("the stored secret cannot be decrypted: " + reason, null, false, false);
    }
}
