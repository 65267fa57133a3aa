package dev.herald.api;

import java.util.Optional;

/**
 * Which request paths Herald refuses before routing. The HTTP server resolves dot segments (and
 * decodes {@code %2e}) before it matches a route, so {@code DELETE /v2/accounts/x/users/%2e%2e}
 * would reach the route of its parent, {@code DELETE /v2/accounts/x}, and delete the account. No
 * identifier of Herald's is {@code .} or {@code ..} or holds a slash, a backslash, a semicolon or a
 * control character, so a path holding one, raw or percent-encoded, names nothing and is refused
 * whole rather than cleaned up: a cleaned-up path would again act on something the caller did not spell.
 */
final class UnsafePaths {

    private UnsafePaths() {
    }

    /** Why the raw (undecoded) path is refused, or empty when it is safe to route. */
    static Optional<String> problem(String rawPath) {
        if (rawPath.indexOf(';') >= 0) {
            return Optional.of("must not hold ';' (path parameters)");
        }
        for (String segment : rawPath.split("/", -1)) {
            String decoded = decode(segment);
            if (decoded == null) {
                return Optional.of("holds a '%' that is not followed by two hexadecimal digits");
            }
            if (decoded.equals(".") || decoded.equals("..")) {
                return Optional.of("must not hold a '.' or '..' segment, encoded or not");
            }
            if (decoded.indexOf('/') >= 0) {
                return Optional.of("must not hold an encoded '/'");
            }
            if (decoded.indexOf('\\') >= 0) {
                return Optional.of("must not hold '\\', encoded or not");
            }
            if (decoded.chars().anyMatch(UnsafePaths::isAsciiControl)) {
                return Optional.of("must not hold NUL or another control character");
            }
        }
        return Optional.empty();
    }

    /** Bytes of UTF-8 above 0x7F are decoded one by one here, so only ASCII's controls are looked for. */
    private static boolean isAsciiControl(int c) {
        return c < 0x20 || c == 0x7F;
    }

    /**
     * The segment with its percent-escapes decoded one byte each (enough to see dots, slashes,
     * semicolons and control characters, which are all ASCII), or null when an escape is malformed.
     */
    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        StringBuilder decoded = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                decoded.append(c);
                continue;
            }
            if (i + 2 >= segment.length()) {
                return null;
            }
            int high = Character.digit(segment.charAt(i + 1), 16);
            int low = Character.digit(segment.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return null;
            }
            decoded.append((char) (high * 16 + low));
            i += 2;
        }
        return decoded.toString();
    }
}
