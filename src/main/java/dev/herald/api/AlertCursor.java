package dev.herald.api;

import dev.herald.validation.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The opaque {@code cursor} of the alerts listing: the position of the last alert of a page,
 * wrapped so that clients treat it as a token and a made-up one is recognised as such.
 */
final class AlertCursor {

    private static final String PREFIX = "alerts-after:";
    private static final Pattern POSITION = Pattern.compile(Pattern.quote(PREFIX) + "([0-9]{1,18})");

    private AlertCursor() {
    }

    static String of(long position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names; null for none. */
    static Long read(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            Matcher position = POSITION.matcher(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            if (position.matches()) {
                return Long.parseLong(position.group(1));
            }
        } catch (IllegalArgumentException e) {
            // not base64: reported below
        }
        throw new InvalidInputException("cursor", "is not a cursor of this listing; use the next_cursor of the previous page");
    }
}
