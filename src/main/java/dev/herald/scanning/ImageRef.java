package dev.herald.scanning;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An image as scanning alerts see it, normalised the way Docker reads a reference: the registry in
 * lower case and Docker Hub's aliases as {@code docker.io}, whose single-name repositories live under
 * {@code library/}. So {@code nginx}, {@code docker.io/nginx:latest} and
 * {@code index.docker.io/library/nginx} are one image.
 *
 * @param tag    the tag; {@code latest} when a reference names neither tag nor digest, empty when it names a digest only
 * @param digest {@code sha256:…}, or null when unknown
 */
public record ImageRef(String registry, String repository, String tag, String digest) {

    public static final String DOCKER_HUB = "docker.io";
    private static final Set<String> DOCKER_HUB_ALIASES = Set.of(DOCKER_HUB, "index.docker.io", "registry-1.docker.io",
            "registry.hub.docker.com");
    private static final String DEFAULT_TAG = "latest";
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[A-Za-z0-9=_-]{32,}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*");
    private static final Pattern REGISTRY = Pattern.compile("[A-Za-z0-9.-]+(?::[0-9]{1,5})?|\\[[0-9A-Fa-f:]+\\](?::[0-9]{1,5})?");

    /** An image from its parts as a scanner reports them, normalised; a null tag is filled as Docker would. */
    public static ImageRef of(String registry, String repository, String tag, String digest) {
        String normalRegistry = registry(registry);
        String filledTag = tag != null ? tag : digest == null ? DEFAULT_TAG : "";
        return new ImageRef(normalRegistry, repository(normalRegistry, repository), filledTag, digest);
    }

    /**
     * Reads a reference such as {@code docker.io/acme/api:1.0}, {@code nginx},
     * {@code localhost:5000/app@sha256:…}: the first part is a registry when it has a dot or a port or
     * is {@code localhost}, otherwise the image is on Docker Hub. Empty when the text is no reference.
     */
    public static Optional<ImageRef> parse(String reference) {
        if (reference == null || reference.isEmpty() || reference.length() > 2048) {
            return Optional.empty();
        }
        String name = reference;
        String digest = null;
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = name.substring(at + 1);
            name = name.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                return Optional.empty();
            }
        }
        String tag = null;
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            tag = name.substring(colon + 1);
            name = name.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                return Optional.empty();
            }
        }
        String registry = DOCKER_HUB;
        int slash = name.indexOf('/');
        if (slash > 0) {
            String first = name.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                name = name.substring(slash + 1);
            }
        }
        if (!REGISTRY.matcher(registry).matches() || !REPOSITORY.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of(of(registry, name, tag, digest));
    }

    /** A registry as compared: lower case, Docker Hub's aliases as {@code docker.io}. */
    public static String registry(String registry) {
        String lower = registry.toLowerCase(Locale.ROOT);
        return DOCKER_HUB_ALIASES.contains(lower) ? DOCKER_HUB : lower;
    }

    /** A repository as compared: on Docker Hub, a single name is an official image under {@code library/}. */
    public static String repository(String normalRegistry, String repository) {
        return DOCKER_HUB.equals(normalRegistry) && repository.indexOf('/') < 0 ? "library/" + repository : repository;
    }

    @Override
    public String toString() {
        return registry + "/" + repository + (tag.isEmpty() ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
