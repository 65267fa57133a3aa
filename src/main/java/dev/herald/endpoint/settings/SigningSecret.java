package dev.herald.endpoint.settings;

import dev.herald.validation.JsonInput;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A webhook's Standard Webhooks signing secret: {@code whsec_} and the base64 of 24 to 64 random
 * bytes (the spec's bounds). A request may send {@value #GENERATE} instead, and Herald makes one.
 */
public final class SigningSecret {

    public static final String PREFIX = "whsec_";
    /** What a request sends to have Herald generate the secret. */
    static final String GENERATE = "generate";
    private static final int MIN_BYTES = 24;
    private static final int MAX_BYTES = 64;
    private static final int GENERATED_BYTES = 32;
    /** The prefix and the base64 of the longest key, with room for a pasted line break's worth of slack. */
    private static final int MAX_LENGTH = 128;

    private SigningSecret() {
    }

    /** The HMAC key of a secret that {@link #read} accepted. */
    public static byte[] key(String secret) {
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }

    /**
     * The field as a request sets it: the stored secret when omitted or sent back masked, null when
     * cleared with an empty string, a new one when {@value #GENERATE}; anything else must be a valid secret.
     */
    static String read(JsonInput input, String name, String stored) {
        String value = Secrets.read(input, name, MAX_LENGTH, stored, false);
        if (value == null || value.equals(stored)) {
            return value;
        }
        if (value.equals(GENERATE)) {
            return generate();
        }
        if (!isValid(value)) {
            // the value is not quoted: it is meant to be a secret
            input.reject(input.field(name), "must be \"" + GENERATE + "\" or " + PREFIX + " followed by the base64 of "
                    + MIN_BYTES + " to " + MAX_BYTES + " random bytes");
            return null;
        }
        return value;
    }

    /** Whether the request asked Herald to generate the field's secret. */
    static boolean generationAsked(JsonInput input, String name) {
        return input.raw(name) != null && GENERATE.equals(input.raw(name).asText());
    }

    private static boolean isValid(String value) {
        if (!value.startsWith(PREFIX)) {
            return false;
        }
        try {
            int length = key(value).length;
            return length >= MIN_BYTES && length <= MAX_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String generate() {
        byte[] key = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }
}
