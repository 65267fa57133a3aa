package dev.herald.endpoint.secret;

import dev.herald.endpoint.settings.EndpointSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes one configuration's sensitive texts from a text Herald is about to record, such as the
 * reason a delivery failed, which may quote an exception or a receiver's answer (some receivers echo
 * the request, Authorization header and all). Every failure text of a delivery passes through here
 * ({@code DeliveryOutcome.failed}), so no channel needs scrubbing of its own.
 *
 * <p>Removed: each {@linkplain EndpointSettings#sensitiveTexts() sensitive text} of the settings
 * and, for a URL, the parts that hold its token: path with query, path, query, each query value
 * (raw and decoded) and each long path segment. A text cut short (an excerpt of a long answer) may
 * end in the first characters of a secret; those are removed too.
 *
 * <p>A secret shorter than {@value #SHORTEST_MASKED_SECRET} characters cannot be told apart from
 * ordinary text: masking every occurrence of a one-letter password turned every "p" of a message
 * into the mask. So a short secret is never masked; a text where it stands as a whole word (not
 * inside a longer run of letters and digits) is left out instead, replaced by {@link #LEFT_OUT}.
 */
public final class Redaction {

    public static final String MASK = "****";
    /** What replaces a text that holds a secret too short to be masked. */
    public static final String LEFT_OUT = "(left out: it may hold a secret of this configuration too short to be masked)";
    /** Secrets at least this long are masked wherever they show; shorter ones make the text be left out. */
    static final int SHORTEST_MASKED_SECRET = 8;
    /** Shorter URL parts ("/", "/hook") are too common to be a token, and too short to remove safely. */
    private static final int SHORTEST_URL_PART = 6;
    /** Path segments this long are tokens (Slack's, Teams' GUIDs and signatures), not words. */
    private static final int SHORTEST_TOKEN_SEGMENT = 16;
    /** A cut secret is removed from the end of a text once this much of it shows. */
    private static final int SHORTEST_CUT_SECRET = 4;
    private static final String ELLIPSIS = "…";

    private final List<String> texts;
    private final List<Pattern> shortSecretsAsWords;

    private Redaction(List<String> texts, List<Pattern> shortSecretsAsWords) {
        this.texts = texts;
        this.shortSecretsAsWords = shortSecretsAsWords;
    }

    public static Redaction of(EndpointSettings settings) {
        Set<String> texts = new LinkedHashSet<>();
        List<Pattern> shortSecrets = new ArrayList<>();
        for (String sensitive : settings.sensitiveTexts()) {
            if (sensitive.length() < SHORTEST_MASKED_SECRET) {
                shortSecrets.add(Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(sensitive) + "(?![\\p{L}\\p{N}])"));
            } else {
                texts.add(sensitive);
            }
            texts.addAll(urlParts(sensitive));
        }
        // longest first: the whole URL goes before its path, which would otherwise leave the host glued to a mask
        return new Redaction(texts.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList(),
                List.copyOf(shortSecrets));
    }

    /** The text without any sensitive text, or {@link #LEFT_OUT} when a short secret shows in it; null stays null. */
    public String apply(String text) {
        if (text == null) {
            return null;
        }
        if (shortSecretsAsWords.stream().anyMatch(secret -> secret.matcher(text).find())) {
            return LEFT_OUT;
        }
        String redacted = text;
        for (String sensitive : texts) {
            redacted = redacted.replace(sensitive, MASK);
        }
        return withoutCutSecretAtEnd(redacted);
    }

    private String withoutCutSecretAtEnd(String text) {
        String ellipsis = text.endsWith(ELLIPSIS) ? ELLIPSIS : "";
        String body = text.substring(0, text.length() - ellipsis.length());
        for (String sensitive : texts) {
            for (int length = sensitive.length() - 1; length >= SHORTEST_CUT_SECRET; length--) {
                if (body.endsWith(sensitive.substring(0, length))) {
                    return body.substring(0, body.length() - length) + MASK + ellipsis;
                }
            }
        }
        return text;
    }

    private static Set<String> urlParts(String text) {
        Set<String> parts = new LinkedHashSet<>();
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            return parts;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getRawAuthority() == null) {
            return parts;
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String query = url.getRawQuery();
        addPart(parts, query == null ? path : path + "?" + query);
        addPart(parts, path);
        addPart(parts, decode(path));
        for (String segment : path.split("/")) {
            if (segment.length() >= SHORTEST_TOKEN_SEGMENT) {
                parts.add(segment);
                parts.add(decode(segment));
            }
        }
        if (query != null) {
            addPart(parts, query);
            for (String parameter : query.split("&")) {
                String value = parameter.substring(parameter.indexOf('=') + 1);
                addPart(parts, value);
                addPart(parts, decode(value));
            }
        }
        return parts;
    }

    private static void addPart(Set<String> parts, String part) {
        if (part.length() >= SHORTEST_URL_PART) {
            parts.add(part);
        }
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return part;
        }
    }
}
