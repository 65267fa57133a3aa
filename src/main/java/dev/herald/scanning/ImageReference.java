package dev.herald.scanning;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image named as Docker names it, normalised as Docker does: no registry means {@code docker.io},
 * a single-name repository there is under {@code library/}, no tag and no digest means the tag
 * {@code latest}. The grammar is distribution/reference's (the one {@code docker pull} applies).
 *
 * <p>One type for ingestion (scan results, runtime inventory) and for scanning alerts, which must
 * compare the images of both alike. Where the two used to differ, this is what holds:
 * <ul>
 * <li>The registry is lower-cased (a host name is case-insensitive, and Docker reaches the same
 *     registry) and Docker Hub's aliases ({@code index.docker.io}, {@code registry-1.docker.io},
 *     {@code registry.hub.docker.com}) are {@code docker.io}, for ingestion as for alerts. Except: a
 *     host without a dot or a port, other than {@code localhost}, is a registry only because of its
 *     upper case (Docker's rule), so it keeps its case, lest the reference read back as a Docker Hub
 *     repository.</li>
 * <li>A reference that names a digest only has a null tag everywhere (Docker adds no {@code latest}
 *     then); a repository pattern's tag sees it as empty, which only {@code *} matches.</li>
 * <li>{@link #parse} refuses what Docker refuses, saying why; {@link #tryParse} is for text that may
 *     be no reference at all (an event's resource id), and {@link #described} for an image a producer
 *     described part by part in an event, taken as given: alerts do not throw on a producer's event.</li>
 * </ul>
 *
 * @param tag    null when the reference names a digest only
 * @param digest null when the reference names none, else {@code algorithm:hex}
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    public static final String DOCKER_HUB = "docker.io";
    public static final String DEFAULT_TAG = "latest";
    private static final Set<String> DOCKER_HUB_ALIASES = Set.of(DOCKER_HUB, "index.docker.io", "registry-1.docker.io",
            "registry.hub.docker.com");

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
        boolean hasRegistry = namesRegistry(first) || !first.equals(first.toLowerCase(Locale.ROOT));
        return normalised(hasRegistry ? first : DOCKER_HUB, hasRegistry ? name.substring(slash + 1) : name, tag, digest);
    }

    /** A reference read as {@link #parse} reads it; empty when the text (perhaps null) is none Docker accepts. */
    public static Optional<ImageReference> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(text));
        } catch (InvalidReference e) {
            return Optional.empty();
        }
    }

    /**
     * The parts of a reference given one by one (the normalized report format), checked and normalised
     * alike; a null registry is Docker Hub.
     */
    public static ImageReference normalised(String registry, String repository, String tag, String digest) {
        refuse("registry", registry == null ? Optional.empty() : problemWithRegistry(registry));
        refuse("repository", problemWithRepository(repository));
        ImageReference image = described(registry == null ? DOCKER_HUB : registry, repository, tag, digest);
        if (image.registry.length() + 1 + image.repository.length() > MAX_NAME) {
            throw new InvalidReference("names a repository longer than " + MAX_NAME + " characters with its registry");
        }
        if (tag != null) {
            refuse("tag", problemWithTag(tag));
        }
        if (digest != null) {
            refuse("digest", problemWithDigest(digest));
        }
        return image;
    }

    /**
     * The image an event describes part by part ({@code details.image}), normalised as
     * {@link #normalised} does but not checked: alerts match what a producer wrote rather than refuse it.
     */
    public static ImageReference described(String registry, String repository, String tag, String digest) {
        String host = normalRegistry(registry);
        return new ImageReference(host, normalRepository(host, repository),
                tag == null && digest == null ? DEFAULT_TAG : tag, digest);
    }

    /** A registry as images have it: lower case (see above for the exception), Docker Hub's aliases as {@code docker.io}. */
    public static String normalRegistry(String registry) {
        String lower = registry.toLowerCase(Locale.ROOT);
        if (DOCKER_HUB_ALIASES.contains(lower)) {
            return DOCKER_HUB;
        }
        return namesRegistry(lower) ? lower : registry;
    }

    /** A repository as images have it: on Docker Hub, a single name is an official image under {@code library/}. */
    public static String normalRepository(String normalRegistry, String repository) {
        return normalRegistry.equals(DOCKER_HUB) && repository.indexOf('/') < 0 ? "library/" + repository : repository;
    }

    /** Whether the first part of a lower-case reference is a registry rather than part of a Docker Hub repository. */
    private static boolean namesRegistry(String first) {
        return first.contains(".") || first.contains(":") || first.equals("localhost");
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

    /** The reference as Docker writes it, {@code registry/repository[:tag][@digest]}; it parses back to this one. */
    @Override
    public String toString() {
        return registry + "/" + repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    /** A reference Docker would refuse; the message completes "the image …". */
    public static final class InvalidReference extends IllegalArgumentException {

        public InvalidReference(String problem) {
            super(problem, null);
        }
    }
}
