package dev.herald.endpoint.settings;

import dev.herald.validation.JsonInput;
import java.net.URI;

/**
 * Reading and masking the secret fields of configurations (passwords, tokens, and the Slack and
 * Teams webhook URLs, whose path is a token). A secret is never returned: responses carry
 * {@link #MASK}. An update that omits a secret, or sends the mask back, keeps the stored one; an
 * empty string clears it.
 */
final class Secrets {

    static final String MASK = "********";

    private Secrets() {
    }

    static String mask(String secret) {
        return secret == null ? null : MASK;
    }

    /** Shows where a secret URL points (scheme and host) and nothing of its path or query. */
    static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority() + "/" + MASK;
    }

    static String read(JsonInput input, String name, int maxLength, String stored, boolean requiredWhenNew) {
        String value = input.optionalText(name, maxLength);
        if (value == null || value.equals(MASK)) {
            if (stored == null && requiredWhenNew && !input.has(name)) {
                input.reject(input.field(name), "is required");
            }
            return stored;
        }
        return value.isEmpty() ? null : value;
    }

    /** A secret URL (Slack, Teams): required, kept when omitted or sent back masked on update. */
    static String readUrl(JsonInput input, String name, String stored) {
        String value = input.optionalText(name, HttpUrls.MAX_LENGTH);
        if (stored != null && (value == null || value.equals(maskUrl(stored)) || value.equals(MASK))) {
            return stored;
        }
        if (value == null) {
            if (!input.has(name)) {
                input.reject(input.field(name), "is required");
            }
            return null;
        }
        return HttpUrls.check(input, name, value);
    }
}
