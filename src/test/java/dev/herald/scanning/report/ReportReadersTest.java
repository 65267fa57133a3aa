package dev.herald.scanning.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.event.Severity;
import dev.herald.scanning.ImageReference;
import dev.herald.scanning.Vulnerability;
import dev.herald.support.ScannerReports;
import dev.herald.validation.InvalidInputException;
import dev.herald.validation.JsonInput;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The readers on the real reports of src/test/resources/fixtures/scanners, and on the cases those do not show. */
class ReportReadersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ScanReport read(JsonNode report) {
        ReportFormat format = ReportFormat.detect(report).orElseThrow();
        return format.reader().read(JsonInput.ofObject(report, ""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "grype-busybox-1.32.1.json,          GRYPE, docker.io/library/busybox:1.32.1,             sha256:ae39a6f5c07297d7ab64dbd4f82c77c874cc6a94cea29fdec309d0992574b4f7",
            "grype-chainguard-ruby-latest-3.0.json, GRYPE, cgr.dev/chainguard/ruby:latest-3.0,     sha256:3c9afb4f188827ea1062ec3b8acea32893236a0d7df31e0498df93486cff0978",
            "grype-keycloak-21.0.2.json,         GRYPE, docker.io/keycloak/keycloak:21.0.2,           sha256:347a0d748d05a050dc64b92de2246d2240db6eb38afbc17c3c08d0acb0db1b50",
            "trivy-alpine-3.10.9-critical.json,  TRIVY, docker.io/library/alpine:3.10,                sha256:451eee8bedcb2f029756dc3e9d73bab0e7943c1ac55cff3a4861c52a0fdd3e98",
            "trivy-alpine-3.9.json,              TRIVY, ghcr.io/aquasecurity/trivy-test-images:alpine-39, sha256:055936d3920576da37aa9bc460d70c5f212028bda1c08c0879aedf03d7a66ea1",
            "trivy-alpine-3.10.json,             TRIVY, ghcr.io/aquasecurity/trivy-test-images:alpine-310, sha256:961769676411f082461f9ef46626dd7a2d1e2b2a38e6a44364bcbecf51e66dd4"})
    void theImageIsTheTagTheReportNamesAtItsRepositoryDigest(String file, ReportFormat format, String tagged, String digest) {
        JsonNode report = ScannerReports.tree(file);

        ImageReference image = read(report).image().resolve(null);

        assertThat(ReportFormat.detect(report)).contains(format);
        assertThat(image.tagged()).isEqualTo(tagged);
        assertThat(image.digest()).isEqualTo(digest);
    }

    @Test
    void aReportPinnedByDigestAloneNeedsTheTagFromTheRequest() {
        ReportedImage image = read(ScannerReports.tree("grype-alpine-3.17.2.json")).image();

        assertThatThrownBy(() -> image.resolve(null)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors().get(0).field()).isEqualTo("image"));
        ImageReference named = image.resolve(ImageReference.parse("alpine:3.17.2"));
        assertThat(named.tagged()).isEqualTo("docker.io/library/alpine:3.17.2");
        assertThat(named.digest()).as("the repository digest of index.docker.io/library/alpine")
                .isEqualTo("sha256:e2e16842c9b54d985bf1ef9242a313f36b856181f188de21313820e177002501");
    }

    @Test
    void theRequestsReferenceWinsAndKeepsItsOwnDigest() {
        String digest = "sha256:" + "cd".repeat(32);
        ReportedImage image = read(ScannerReports.tree("trivy-alpine-3.10.9-critical.json")).image();

        assertThat(image.resolve(ImageReference.parse("registry.example/mirror/alpine:3.10@" + digest)))
                .isEqualTo(new ImageReference("registry.example", "mirror/alpine", "3.10", digest));
        assertThat(image.resolve(ImageReference.parse("registry.example/mirror/alpine:3.10")).digest())
                .as("a digest is the content's, whatever registry holds it")
                .isEqualTo("sha256:451eee8bedcb2f029756dc3e9d73bab0e7943c1ac55cff3a4861c52a0fdd3e98");
    }

    @Test
    void anArchiveOrDirectoryNamesNoImage() throws Exception {
        JsonNode trivy = JSON.readTree("{\"ArtifactName\": \"images/app.tar.gz\", \"Results\": []}");
        JsonNode grype = JSON.readTree("{\"matches\": [], \"source\": {\"type\": \"directory\", \"target\": \"/src\"}}");
        JsonNode archive = JSON.readTree("{\"matches\": [], \"source\": {\"target\": {\"userInput\": \"docker-archive:app.tar\"}}}");

        assertThat(read(trivy).image().named()).isNull();
        assertThat(read(grype).image().named()).isNull();
        assertThat(read(archive).image().named()).isNull();
    }

    @Test
    void grypesSourceSchemesAreTakenOff() throws Exception {
        JsonNode grype = JSON.readTree("{\"matches\": [], \"source\": {\"target\": {\"userInput\": \"registry:alpine:3.19\"}}}");

        assertThat(read(grype).image().named()).isEqualTo(ImageReference.parse("alpine:3.19"));
    }

    @Test
    void aVulnerabilityListedTwiceIsOneWithTheHighestSeverityAndEveryFix() throws Exception {
        JsonNode trivy = JSON.readTree("""
                {"Results": [
                  {"Type": "alpine", "Vulnerabilities": [{"VulnerabilityID": "CVE-1", "PkgName": "zlib",
                    "InstalledVersion": "1.2", "FixedVersion": "1.3, 1.2.13", "Severity": "MEDIUM"}]},
                  {"Type": "alpine", "Vulnerabilities": [{"VulnerabilityID": "CVE-1", "PkgName": "zlib",
                    "InstalledVersion": "1.2", "FixedVersion": "1.4", "Severity": "HIGH",
                    "PkgIdentifier": {"PURL": "pkg:apk/alpine/zlib@1.2"}}]}]}""");

        List<Vulnerability> vulnerabilities = read(trivy).vulnerabilities();

        assertThat(vulnerabilities).containsExactly(new Vulnerability("CVE-1", Severity.HIGH, "zlib", "1.2", "alpine",
                List.of("1.2.13", "1.3", "1.4"), null, null));
    }

    @Test
    void grypeEntriesCarryTheirFixUrlTypeAndNamespace() {
        List<Vulnerability> vulnerabilities = read(ScannerReports.tree("grype-alpine-3.17.2.json")).vulnerabilities();

        assertThat(vulnerabilities).contains(new Vulnerability("CVE-2023-5363", Severity.HIGH, "libcrypto3", "3.0.8-r0", "apk",
                List.of("3.0.12-r0"), "http://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2023-5363", "alpine:distro:alpine:3.17"));
    }

    @Test
    void everyRefusedFieldIsNamedByItsPath() throws Exception {
        JsonNode grype = JSON.readTree("""
                {"matches": [{"vulnerability": {"id": "CVE-1", "severity": "Severe"}, "artifact": {"name": "zlib"}}, 7],
                 "source": {"target": {"tags": ["Not A Reference"], "manifestDigest": "sha256:1"}}}""");

        assertThatThrownBy(() -> read(grype)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors()).extracting(error -> error.field())
                        .containsExactlyInAnyOrder("matches[0].vulnerability.severity", "matches[0].artifact.version",
                                "matches[1]", "source.target.tags[0]", "source.target.manifestDigest"));
    }
}
