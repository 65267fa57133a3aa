package dev.herald.scanning.alert;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One entry of a repository alert's {@code repositories}, as the user wrote it: each part an exact
 * value or a pattern where {@code *} matches any run of characters (e.g. {@code docker.io},
 * {@code acme/*}, {@code *}).
 */
@Schema(name = "RepositoryPattern", description = "Registry, repository and tag patterns; * matches any characters")
public record RepositoryPattern(String registry, String repository, String tag) {

    public static final String WILDCARD = "*";

    /** A wildcard in the registry or repository allows only the analysis_update trigger (Sysdig's rule). */
    public boolean hasWildcardInName() {
        return registry.contains(WILDCARD) || repository.contains(WILDCARD);
    }
}
