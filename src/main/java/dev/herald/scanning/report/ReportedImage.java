package dev.herald.scanning.report;

import dev.herald.scanning.ImageReference;
import dev.herald.validation.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a report says about the image it scanned, before the request's {@code ?image=} is taken into
 * account: the name it prefers (with a tag, or a digest only), the repository digests it lists, and a
 * digest of last resort (Grype's platform manifest digest, Trivy's image id).
 *
 * @param named          may be null: a report of a directory or an archive names no image
 * @param fallbackDigest may be null
 */
public record ReportedImage(ImageReference named, List<ImageReference> repoDigests, String fallbackDigest) {

    public ReportedImage {
        repoDigests = List.copyOf(repoDigests);
    }

    /**
     * The tag and digest the result is stored under. A reference given with the request wins (it names
     * the tag the caller pushed); the digest is the request's, else the report's digest for that
     * repository (what a registry and Kubernetes show), else any digest the report gives.
     *
     * @param requested the request's {@code ?image=}, or null
     */
    public ImageReference resolve(ImageReference requested) {
        ImageReference name = requested != null ? requested : named;
        if (name == null || name.tag() == null) {
            throw new InvalidInputException("image", requested != null
                    ? "must name a tag (registry/repository:tag, optionally @digest)"
                    : "the report names no tag for the image: give one with ?image=registry/repository:tag");
        }
        List<String> digests = new ArrayList<>();
        digests.add(name.digest());
        repoDigests.stream().filter(name::sameRepository).map(ImageReference::digest).forEach(digests::add);
        digests.add(named == null ? null : named.digest());
        repoDigests.stream().map(ImageReference::digest).forEach(digests::add);
        digests.add(fallbackDigest);
        String digest = digests.stream().filter(Objects::nonNull).findFirst().orElse(null);
        if (digest == null) {
            throw new InvalidInputException("image",
                    "the report names no digest for the image: give one with ?image=registry/repository:tag@sha256:…");
        }
        return name.withDigest(digest);
    }
}
