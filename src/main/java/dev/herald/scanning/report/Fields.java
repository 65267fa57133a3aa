package dev.herald.scanning.report;

import dev.herald.event.Severity;
import dev.herald.scanning.ImageReference;
import dev.herald.scanning.Vulnerability;
import dev.herald.validation.JsonInput;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The limits and checks the report readers share, so every format refuses the same things alike. */
final class Fields {

    static final int ID = 255;
    static final int PACKAGE = 1024;
    static final int VERSION = 255;
    static final int TYPE = 64;
    static final int URL = 4096;
    static final int FEED_GROUP = 255;
    static final int REFERENCE = 1024;
    static final int MAX_FIX_VERSIONS = 100;
    static final int MAX_NAMES = 1000;

    private static final Pattern IMAGE_SCHEME = Pattern.compile("^(registry|docker|podman):");
    private static final Pattern FILE_SOURCE = Pattern.compile(
            "^(docker-archive|oci-archive|oci-dir|dir|file|sbom|singularity):|\\.(tar|tgz|tar\\.gz|tar\\.zst)$");

    private Fields() {
    }

    /** The vulnerability, or null when a part it needs was refused (the input has recorded why). */
    static Vulnerability vulnerability(String id, Severity severity, String name, String version, String type,
            List<String> fixes, String url, String feedGroup) {
        if (id == null || id.isBlank() || severity == null || name == null || name.isBlank() || version == null
                || version.isBlank()) {
            return null;
        }
        return new Vulnerability(id, severity, name, version, type, fixes, url, feedGroup);
    }

    static Severity severity(JsonInput input, String name) {
        String text = input.requiredText(name, 32);
        if (text == null || text.isBlank()) {
            return null;
        }
        return Severity.parse(text).orElseGet(() -> {
            input.reject(input.field(name), "must be " + Severity.labels());
            return null;
        });
    }

    /** A reference the scanner wrote (a tag or a repository digest): one Docker refuses is refused. */
    static ImageReference reference(JsonInput input, String field, String text) {
        try {
            return ImageReference.parse(text);
        } catch (ImageReference.InvalidReference e) {
            input.reject(field, e.getMessage());
            return null;
        }
    }

    /** Every item of a list of references, parsed; refused items are left out (and recorded). */
    static List<ImageReference> references(JsonInput input, String name) {
        List<ImageReference> parsed = new ArrayList<>();
        List<String> texts = input.optionalTextList(name, MAX_NAMES, REFERENCE);
        for (int i = 0; i < texts.size(); i++) {
            ImageReference reference = reference(input, input.field(name) + "[" + i + "]", texts.get(i));
            if (reference != null) {
                parsed.add(reference);
            }
        }
        return parsed;
    }

    /**
     * A name the user typed (Grype's userInput, Trivy's ArtifactName), used only if it names an image
     * in a registry. Grype's source schemes are taken off ({@code registry:alpine:3.19}); a file
     * source ({@code docker-archive:app.tar}) or a path to an archive ({@code images/app.tar.gz},
     * which Docker's grammar would read as a repository) names none.
     */
    static ImageReference typedName(String text) {
        if (text == null || FILE_SOURCE.matcher(text).find()) {
            return null;
        }
        return ImageReference.tryParse(IMAGE_SCHEME.matcher(text).replaceFirst("")).orElse(null);
    }

    static String digest(JsonInput input, String name) {
        String digest = input.optionalText(name, 200);
        if (digest != null && ImageReference.problemWithDigest(digest).isPresent()) {
            input.reject(input.field(name), "must be a digest such as sha256:<64 lower-case hex digits>");
            return null;
        }
        return digest;
    }
}
