package dev.herald.endpoint.settings;

import dev.herald.validation.JsonInput;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.UnaryOperator;

/**
 * Reading and masking the secret fields of configurations (passwords, tokens, and the Slack and
 * Teams webhook URLs, whose path is a token). A secret is never returned: responses carry
 * {@link #MASK}. An update that omits a secret, or sends the mask back, keeps the stored one; an
 * empty string clears it. The records also share here what encrypting secrets for storage
 * ({@link EndpointSettings#withSecrets}) and keeping them out of texts ({@link EndpointSettings#sensitiveTexts},
 * {@code toString}) need.
 */
final class Secrets {

    static final String MASK = "********";
    /** What the API document says of every secret field. */
    static final String SECRET_NOTE = "Secret: stored encrypted, answered masked (" + MASK + "), kept when an update "
            + "omits it or sends the mask back";

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

    /** The secret through {@code transform}, or null when it is not set. */
    static String map(String secret, UnaryOperator<String> transform) {
        return secret == null ? null : transform.apply(secret);
    }

    /** The texts that are set, without nulls and empty strings. */
    static List<String> present(String... texts) {
        List<String> present = new ArrayList<>();
        for (String text : texts) {
            if (text != null && !text.isEmpty()) {
                present.add(text);
            }
        }
        return present;
    }

    /** The value of a Basic Authorization header for these credentials, or null when either is missing. */
    static String basicCredentials(String username, String password) {
        if (username == null || username.isEmpty() || password == null) {
            return null;
        }
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A record's usual {@code toString}, with every sensitive text masked. */
    static String describe(EndpointSettings settings) {
        List<String> hidden = settings.sensitiveTexts();
        StringJoiner fields = new StringJoiner(", ", settings.getClass().getSimpleName() + "[", "]");
        for (RecordComponent component : settings.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(settings);
                fields.add(component.getName() + "=" + (hidden.contains(value) ? MASK : value));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return fields.toString();
    }
}
