package dev.herald.scanning.alert;

import dev.herald.scanning.ImageReference;
import dev.herald.scanning.scope.RuntimeScope;
import dev.herald.selector.TypePattern;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Which images an alert is about, compiled: by where they run, or by repository. */
sealed interface AlertTarget {

    /**
     * Whether the event's image is one of the alert's.
     *
     * @param whereRunning the label sets of the places the image runs, asked only when needed
     */
    boolean covers(ScanningEvent event, Supplier<List<Map<String, String>>> whereRunning);

    static AlertTarget of(AlertSettings settings) {
        return switch (settings.type()) {
            case RUNTIME -> new Runtime(RuntimeScope.parse(settings.scope()));
            case REPOSITORY -> new Repositories(settings.repositories().stream().map(ImagePattern::of).toList());
        };
    }

    /** A runtime alert: the image runs in at least one place its scope matches. */
    record Runtime(RuntimeScope scope) implements AlertTarget {
        @Override
        public boolean covers(ScanningEvent event, Supplier<List<Map<String, String>>> whereRunning) {
            for (Map<String, String> labels : whereRunning.get()) {
                if (scope.matches(labels)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A repository alert: the image matches one of its repositories. */
    record Repositories(List<ImagePattern> patterns) implements AlertTarget {
        @Override
        public boolean covers(ScanningEvent event, Supplier<List<Map<String, String>>> whereRunning) {
            if (event.image() == null) {
                return false;
            }
            for (ImagePattern pattern : patterns) {
                if (pattern.matches(event.image())) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A repository pattern compiled against normalised images ({@link ImageReference}): the registry in
     * lower case with Docker Hub's aliases as docker.io, and a plain single-name Docker Hub repository
     * under {@code library/}, so {@code docker.io} / {@code nginx} matches the image {@code nginx}. An
     * image named by digest only has no tag: the tag pattern sees it as empty, which only {@code *} matches.
     */
    record ImagePattern(TypePattern registry, TypePattern repository, TypePattern tag) {

        static ImagePattern of(RepositoryPattern pattern) {
            String registry = pattern.registry().contains(RepositoryPattern.WILDCARD)
                    ? pattern.registry().toLowerCase(Locale.ROOT) : ImageReference.normalRegistry(pattern.registry());
            String repository = pattern.repository().contains(RepositoryPattern.WILDCARD)
                    ? pattern.repository() : ImageReference.normalRepository(registry, pattern.repository());
            return new ImagePattern(TypePattern.compile(registry), TypePattern.compile(repository),
                    TypePattern.compile(pattern.tag()));
        }

        boolean matches(ImageReference image) {
            return registry.matches(image.registry()) && repository.matches(image.repository())
                    && tag.matches(image.tag() == null ? "" : image.tag());
        }
    }
}
