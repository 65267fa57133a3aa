package dev.herald.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The real scanner reports copied under src/test/resources/fixtures/scanners (their origin in
 * SOURCES.md there; read, never changed), and what they hold counted here by walking the JSON
 * tree, independently of Herald's report readers.
 */
public final class ScannerReports {

    public static final Path FOLDER = TestResources.folder("fixtures/scanners");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScannerReports() {
    }

    /** The files of a scanner, by name prefix ("grype-", "trivy-"), sorted. */
    public static List<String> named(String prefix) {
        try (Stream<Path> files = Files.list(FOLDER)) {
            List<String> names = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith(prefix) && name.endsWith(".json"))
                    .sorted()
                    .toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("no " + prefix + "* reports in " + FOLDER.toAbsolutePath());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        try {
            return Files.readString(FOLDER.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode tree(String name) {
        try {
            return JSON.readTree(text(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distinct (vulnerability id, package, version) of a report: Grype's matches[], Trivy's Results[].Vulnerabilities[]. */
    public static Set<List<String>> identities(String name) {
        JsonNode report = tree(name);
        Set<List<String>> identities = new HashSet<>();
        if (name.startsWith("grype-")) {
            report.get("matches").forEach(match -> identities.add(List.of(match.at("/vulnerability/id").asText(),
                    match.at("/artifact/name").asText(), match.at("/artifact/version").asText())));
        } else {
            report.get("Results").forEach(result -> result.path("Vulnerabilities").forEach(vulnerability -> identities.add(
                    List.of(vulnerability.get("VulnerabilityID").asText(), vulnerability.get("PkgName").asText(),
                            vulnerability.get("InstalledVersion").asText()))));
        }
        return identities;
    }

    /**
     * (vulnerability id, package, version) of each entry of a vulnerability diff list
     * ({@code diff_vulnerability_result.added}, …), as {@link #identities(String)} gives them of a report.
     */
    public static Set<List<String>> diffIdentities(JsonNode entries) {
        Set<List<String>> identities = new HashSet<>();
        entries.forEach(entry -> identities.add(List.of(entry.get("CVE_ID").asText(), entry.get("Package_Name").asText(),
                entry.get("Package_Version").asText())));
        return identities;
    }

    /** The identities of {@code from} that are not in {@code taken}. */
    public static Set<List<String>> minus(Set<List<String>> from, Set<List<String>> taken) {
        Set<List<String>> left = new HashSet<>(from);
        left.removeAll(taken);
        return left;
    }
}
