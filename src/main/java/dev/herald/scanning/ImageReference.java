package dev.herald.scanning;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image named as Docker names it, normalised as Docker does: no registry means {@code docker.io},
 * a single-name repository there is under {@code library/}, no tag and no digest means the tag
 * {@code latest}. The grammar is distribution/reference's (the one {@code docker pull} applies).
 *
 * @param tag    null when the reference names a digest only
 * @param digest null when the reference names none, else {@code algorithm:hex}
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    public static final String DOCKER_HUB = "docker.io";
    public static final String DEFAULT_TAG = "latest";

    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern REPOSITORY = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern REGISTRY = Pattern.compile(
            "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[0-9A-Fa-f:.]+])(?::[0-9]{1,5})?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile(
            "(?<algorithm>[a-z][a-z0-9]*(?:[+._-][a-z][a-z0-9]*)*):(?<hex>[0-9a-f]{32,})");
    /** Docker's longest name: registry and repository together. */
    private static final int MAX_NAME = 255;

    /** {@code registry/repository:tag}, the id of an image_tag resource. */
    public String tagged() {
        return registry + "/" + repository + ":" + tag;
    }

    public ImageReference withDigest(String newDigest) {
        return new ImageReference(registry, repository, tag, newDigest);
    }

    /** Whether the two name the same repository (tags and digests aside). */
    public boolean sameRepository(ImageReference other) {
        return registry.equals(other.registry) && repository.equals(other.repository);
    }

    /** Parses a reference such as {@code alpine}, {@code ghcr.io/acme/api:1.4} or {@code acme/api@sha256:…}. */
    public static ImageReference parse(String text) {
        if (text.isBlank() || text.length() > 1024) {
            throw new InvalidReference("is not an image reference such as registry.example/team/app:1.4");
        }
        int at = text.indexOf('@');
        String digest = at < 0 ? null : text.substring(at + 1);
        String named = at < 0 ? text : text.substring(0, at);
        // a colon after the last slash starts the tag; one before it is the registry's port
        int colon = named.lastIndexOf(':');
        String tag = colon > named.lastIndexOf('/') ? named.substring(colon + 1) : null;
        String name = tag == null ? named : named.substring(0, colon);
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.equals(first.toLowerCase(Locale.ROOT));
        return normalised(hasRegistry ? first : DOCKER_HUB, hasRegistry ? name.substring(slash + 1) : name,
                tag == null && digest == null ? DEFAULT_TAG : tag, digest);
    }

    /** The parts of a reference given one by one (the normalized report format), checked and normalised alike. */
    public static ImageReference normalised(String registry, String repository, String tag, String digest) {
        String host = registry == null || registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")
                ? DOCKER_HUB : registry;
        refuse("registry", problemWithRegistry(host));
        refuse("repository", problemWithRepository(repository));
        String path = host.equals(DOCKER_HUB) && !repository.contains("/") ? "library/" + repository : repository;
        if (host.length() + 1 + path.length() > MAX_NAME) {
            throw new InvalidReference("names a repository longer than " + MAX_NAME + " characters with its registry");
        }
        if (tag != null) {
            refuse("tag", problemWithTag(tag));
        }
        if (digest != null) {
            refuse("digest", problemWithDigest(digest));
        }
        return new ImageReference(host, path, tag, digest);
    }

    private static void refuse(String part, Optional<String> problem) {
        if (problem.isPresent()) {
            throw new InvalidReference("has a " + part + " that " + problem.get());
        }
    }

    /** What is wrong with a registry, phrased to follow its name ("is not …"); empty when nothing is. */
    public static Optional<String> problemWithRegistry(String registry) {
        return REGISTRY.matcher(registry).matches() && registry.length() <= 255 ? Optional.empty()
                : Optional.of("is not a host name with an optional port, such as registry.example:5000");
    }

    public static Optional<String> problemWithRepository(String repository) {
        return REPOSITORY.matcher(repository).matches() ? Optional.empty()
                : Optional.of("is not lower-case letters, digits and separators ('.', '_', '-', '/')");
    }

    public static Optional<String> problemWithTag(String tag) {
        return TAG.matcher(tag).matches() ? Optional.empty()
                : Optional.of("is not 1 to 128 letters, digits, '_', '.' or '-' (not starting with '.' or '-')");
    }

    public static Optional<String> problemWithDigest(String digest) {
        Matcher matcher = DIGEST.matcher(digest);
        if (!matcher.matches() || digest.length() > 200) {
            return Optional.of("is not algorithm:hex, such as sha256:<64 lower-case hex digits>");
        }
        if (matcher.group("algorithm").equals("sha256") && matcher.group("hex").length() != 64) {
            return Optional.of("is not sha256: and 64 hex digits");
        }
        return Optional.empty();
    }

    /** A reference Docker would refuse; the message completes "the image …". */
    public static final class InvalidReference extends IllegalArgumentException {

        public InvalidReference(String problem) {
            super(problem, null);
        }
    }
}
