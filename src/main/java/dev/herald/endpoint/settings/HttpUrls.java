package dev.herald.endpoint.settings;

import dev.herald.validation.JsonInput;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Checks the URLs of configurations: absolute http(s) with a host and no user:password part.
 * Parsing with {@link URI} also refuses raw braces, which matters: camel-http resolves property
 * placeholders in the target URL, so {@code {{env:SECRET}}} in a stored URL would send a secret away.
 */
final class HttpUrls {

    static final int MAX_LENGTH = 2048;

    private HttpUrls() {
    }

    static String required(JsonInput input, String name) {
        String value = input.requiredText(name, MAX_LENGTH);
        return value == null || value.isBlank() ? null : check(input, name, value);
    }

    static String optional(JsonInput input, String name, String fallback) {
        String value = input.optionalText(name, MAX_LENGTH);
        return value == null ? fallback : check(input, name, value);
    }

    static String check(JsonInput input, String name, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null || uri.getHost().isBlank()) {
                input.reject(input.field(name), "must be an http:// or https:// URL with a host");
                return null;
            }
            if (uri.getRawUserInfo() != null) {
                input.reject(input.field(name), "must not hold credentials; use the username and password fields");
                return null;
            }
            return value;
        } catch (URISyntaxException e) {
            input.reject(input.field(name), "is not a valid URL");
            return null;
        }
    }
}
