package dev.herald.api;

import static dev.herald.support.ApiAssertions.assertBadRequest;
import static dev.herald.support.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.ApiClient;
import dev.herald.support.AtOnce;
import dev.herald.support.ApiResponse;
import dev.herald.support.DatabaseApiTestBase;
import dev.herald.support.Json;
import dev.herald.support.ScannerReports;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /v2/scan-results} on the real Main: every real Grype and Trivy report stored with its
 * distinct vulnerabilities, the events each change emits (in the contract's exact shape), the
 * refusals, and account isolation.
 */
abstract class ScanResultsScenarios extends DatabaseApiTestBase {

    static final String DIGEST_A = "sha256:" + "a1".repeat(32);
    static final String DIGEST_B = "sha256:" + "b2".repeat(32);

    static Stream<String> scannerReports() {
        return Stream.concat(ScannerReports.named("grype-").stream(), ScannerReports.named("trivy-").stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scannerReports")
    void everyRealReportIsStoredWithItsDistinctVulnerabilities(String file) {
        ApiClient acme = scenario.newAccount();
        // the one report pinned by digest alone names no tag
        String query = file.equals("grype-alpine-3.17.2.json") ? "?image=alpine:3.17.2" : "";

        ApiResponse answer = acme.send("POST", "/v2/scan-results" + query, ScannerReports.text(file), "application/json");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        Set<List<String>> expected = ScannerReports.identities(file);
        assertThat(answer.json().get("vulnerabilities").asInt()).isEqualTo(expected.size());
        assertThat(answer.json().get("format").asText()).isEqualTo(file.substring(0, file.indexOf('-')));
        assertThat(storedIdentities(acme.account())).isEqualTo(expected);
        assertThat(types(answer)).containsExactly("user.image.analysis.completed");
    }

    @Test
    void aNormalizedResultIsStoredAsSentAndTheFirstEmitsAnalysisCompletedInTheContractsShape() {
        ApiClient acme = scenario.newAccount();
        Map<String, Object> report = normalized("acme/api", "1.4", DIGEST_A, policy("pass", "go"),
                List.of(vulnerability("CVE-2026-1", "high", "openssl", "3.0.1", "3.0.2"),
                        vulnerability("CVE-2026-2", "Low", "zlib", "1.2")));

        ApiResponse answer = acme.post("/v2/scan-results", report);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().get("image")).isEqualTo(Json.tree(Map.of("registry", "docker.io",
                "repository", "acme/api", "tag", "1.4", "digest", DIGEST_A)));
        assertThat(answer.json().get("policy")).isEqualTo(Json.tree(Map.of("status", "pass", "final_action", "go",
                "policy_id", "default")));
        assertThat(answer.json().get("vulnerabilities").asInt()).isEqualTo(2);
        assertThat(storedIdentities(acme.account())).containsExactlyInAnyOrder(
                List.of("CVE-2026-1", "openssl", "3.0.1"), List.of("CVE-2026-2", "zlib", "1.2"));
        JsonNode event = event(acme, answer, 0);
        assertThat(event.get("type").asText()).isEqualTo("user.image.analysis.completed");
        assertThat(event.get("level").asText()).isEqualTo("info");
        assertThat(event.get("resource")).isEqualTo(Json.tree(Map.of("account_name", acme.account(),
                "type", "image_tag", "id", "docker.io/acme/api:1.4")));
        assertThat(event.at("/source/service_name").asText()).isEqualTo("herald-scan-results");
        assertThat(event.get("details")).isEqualTo(Json.tree(Map.of(
                "last_eval", Map.of("imageDigest", DIGEST_A, "analysis_status", "not_analyzed"),
                "curr_eval", Map.of("imageDigest", DIGEST_A, "analysis_status", "analyzed"),
                "subscription_type", "analysis_update",
                "image", Map.of("registry", "docker.io", "repository", "acme/api", "tag", "1.4", "digest", DIGEST_A))));
    }

    @Test
    void theSameScanTwiceEmitsNothingTheSecondTime() {
        ApiClient acme = scenario.newAccount();
        String grype = ScannerReports.text("grype-busybox-1.32.1.json");

        ApiResponse first = acme.send("POST", "/v2/scan-results", grype, "application/json");
        ApiResponse second = acme.send("POST", "/v2/scan-results?format=grype", grype, "application/json");

        assertThat(types(first)).containsExactly("user.image.analysis.completed");
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(types(second)).isEmpty();
        assertThat(acme.get("/v2/events").json().get("item_count").asInt()).isEqualTo(1);
    }

    @Test
    void aChangedFinalActionEmitsThePolicyEventWithTheLastAndCurrentEvaluation() {
        ApiClient acme = scenario.newAccount();
        acme.post("/v2/scan-results", normalized("acme/api", "1.4", DIGEST_A, policy("pass", "go"), List.of()));

        ApiResponse warn = acme.post("/v2/scan-results", normalized("acme/api", "1.4", DIGEST_A, policy("pass", "warn"), List.of()));
        ApiResponse stop = acme.post("/v2/scan-results", normalized("acme/api", "1.4", DIGEST_B, policy("fail", "stop"), List.of()));

        assertThat(types(warn)).containsExactly("user.checks.tag.policy_evaluation.update");
        JsonNode goToWarn = event(acme, warn, 0);
        assertThat(goToWarn.at("/resource/id").asText()).isEqualTo("docker.io/acme/api:1.4");
        assertThat(goToWarn.get("details")).isEqualTo(Json.tree(Map.of(
                "last_eval", Map.of("image_digest", DIGEST_A, "status", "pass", "final_action", "go", "policy_id", "default"),
                "curr_eval", Map.of("image_digest", DIGEST_A, "status", "pass", "final_action", "warn", "policy_id", "default"),
                "subscription_type", "policy_eval",
                "annotations", Map.of(),
                "image", Map.of("registry", "docker.io", "repository", "acme/api", "tag", "1.4", "digest", DIGEST_A))));
        assertThat(types(stop)).as("a new digest is a new image analysed").containsExactly(
                "user.image.analysis.completed", "user.checks.tag.policy_evaluation.update");
        JsonNode passToFail = event(acme, stop, 1);
        assertThat(passToFail.at("/details/last_eval/status").asText()).isEqualTo("pass");
        assertThat(passToFail.at("/details/last_eval/image_digest").asText()).isEqualTo(DIGEST_A);
        assertThat(passToFail.at("/details/curr_eval/status").asText()).isEqualTo("fail");
        assertThat(passToFail.at("/details/curr_eval/final_action").asText()).isEqualTo("stop");
        assertThat(passToFail.at("/details/curr_eval/image_digest").asText()).isEqualTo(DIGEST_B);
    }

    @Test
    void aResultWithoutPolicyKeepsTheTagsLastEvaluation() {
        ApiClient acme = scenario.newAccount();
        acme.post("/v2/scan-results", normalized("acme/api", "1.4", DIGEST_A, policy("pass", "go"), List.of()));

        ApiResponse unevaluated = acme.post("/v2/scan-results", normalized("acme/api", "1.4", DIGEST_A, null, List.of()));
        ApiResponse failed = acme.post("/v2/scan-results", normalized("acme/api", "1.4", DIGEST_A, policy(null, "stop"), List.of()));

        assertThat(types(unevaluated)).isEmpty();
        assertThat(unevaluated.json().get("policy").isNull()).isTrue();
        assertThat(types(failed)).containsExactly("user.checks.tag.policy_evaluation.update");
        assertThat(event(acme, failed, 0).at("/details/last_eval/final_action").asText()).isEqualTo("go");
    }

    @Test
    void aReportAddingAndRemovingVulnerabilitiesEmitsTheDiff() {
        ApiClient acme = scenario.newAccount();
        String tag = "?image=ghcr.io/aquasecurity/trivy-test-images:alpine";
        post(acme, tag, ScannerReports.text("trivy-alpine-3.9.json"));

        ApiResponse upgrade = post(acme, tag, ScannerReports.text("trivy-alpine-3.10.json"));

        assertThat(types(upgrade)).containsExactly("user.image.analysis.completed", "user.checks.tag.vulnerabilities.update");
        Set<List<String>> before = ScannerReports.identities("trivy-alpine-3.9.json");
        Set<List<String>> after = ScannerReports.identities("trivy-alpine-3.10.json");
        JsonNode details = event(acme, upgrade, 1).get("details");
        assertThat(ScannerReports.diffIdentities(details.at("/diff_vulnerability_result/added")))
                .isEqualTo(ScannerReports.minus(after, before));
        assertThat(ScannerReports.diffIdentities(details.at("/diff_vulnerability_result/removed")))
                .isEqualTo(ScannerReports.minus(before, after));
        assertThat(ScannerReports.diffIdentities(details.at("/diff_vulnerability_result/removed")))
                .contains(List.of("CVE-2019-14697", "musl", "1.1.20-r4"), List.of("CVE-2019-14697", "musl-utils", "1.1.20-r4"));
        assertThat(details.at("/diff_vulnerability_result/updated").size()).isZero();
        assertThat(details.get("imageDigest").asText()).isEqualTo(upgrade.json().at("/image/digest").asText());
        assertThat(details.get("subscription_type").asText()).isEqualTo("vuln_update");
        assertThat(details.get("annotations")).isEqualTo(Json.tree(Map.of()));
        assertThat(details.at("/image/tag").asText()).isEqualTo("alpine");
        JsonNode entry = details.at("/diff_vulnerability_result/added/0");
        assertThat(Json.fieldNames(entry)).containsExactlyInAnyOrder("CVE_ID", "Severity", "Vulnerable_Package",
                "Fix_Available", "URL", "Package_Name", "Package_Version", "Package_Type", "Feed", "Feed_Group");
        assertThat(entry.get("Vulnerable_Package").asText())
                .isEqualTo(entry.get("Package_Name").asText() + "-" + entry.get("Package_Version").asText());
    }

    @Test
    void aChangedSeverityOrFixIsAnUpdate() {
        ApiClient acme = scenario.newAccount();
        acme.post("/v2/scan-results", normalized("acme/api", "2", DIGEST_A, null,
                List.of(vulnerability("CVE-2026-7", "High", "openssl", "3.0.1"))));

        ApiResponse regraded = acme.post("/v2/scan-results", normalized("acme/api", "2", DIGEST_A, null,
                List.of(vulnerability("CVE-2026-7", "Critical", "openssl", "3.0.1"))));
        ApiResponse fixed = acme.post("/v2/scan-results", normalized("acme/api", "2", DIGEST_A, null,
                List.of(vulnerability("CVE-2026-7", "Critical", "openssl", "3.0.1", "3.0.2"))));

        JsonNode severity = event(acme, regraded, 0).at("/details/diff_vulnerability_result");
        assertThat(severity.get("added").size() + severity.get("removed").size()).isZero();
        assertThat(severity.at("/updated/0/Severity").asText()).isEqualTo("Critical");
        assertThat(severity.at("/updated/0/Fix_Available").asText()).isEqualTo("None");
        JsonNode fix = event(acme, fixed, 0).at("/details/diff_vulnerability_result");
        assertThat(fix.at("/updated/0/Fix_Available").asText()).isEqualTo("3.0.2");
        assertThat(fix.at("/updated/0/CVE_ID").asText()).isEqualTo("CVE-2026-7");
    }

    @Test
    void theFirstResultPostedManyTimesAtOnceIsAnalysedOnce() throws Exception {
        ApiClient acme = scenario.newAccount();
        Map<String, Object> report = normalized("acme/api", "race", DIGEST_A, policy("pass", "go"), List.of());

        List<ApiResponse> answers = AtOnce.run(6, () -> acme.post("/v2/scan-results", report));

        assertThat(answers.stream().flatMap(answer -> types(answer).stream()))
                .containsExactly("user.image.analysis.completed");
    }

    @Test
    void eachAccountHasItsOwnResultsAndEvents() {
        ApiClient acme = scenario.newAccount();
        ApiClient other = scenario.newAccount();
        String trivy = ScannerReports.text("trivy-alpine-3.10.9-critical.json");

        ApiResponse first = post(acme, "", trivy);
        ApiResponse otherFirst = post(other, "", trivy);

        assertThat(types(first)).containsExactly("user.image.analysis.completed");
        assertThat(types(otherFirst)).as("the other account's first result for the tag").containsExactly("user.image.analysis.completed");
        assertError(other.get("/v2/events/" + first.json().at("/events/0/id").asText()), 404, "ResourceNotFound");
        assertThat(event(acme, first, 0).at("/resource/account_name").asText()).isEqualTo(acme.account());
    }

    @Test
    void aReadOnlyUserMayNotPostAResult() {
        ApiClient acme = scenario.newAccount();
        ApiClient readOnly = scenario.newUser(acme.account(), "read-only");

        ApiResponse answer = readOnly.post("/v2/scan-results", normalized("acme/api", "1", DIGEST_A, null, List.of()));

        assertError(answer, 403, "AccessDenied");
        assertThat(storedIdentities(acme.account())).isEmpty();
    }

    @Test
    void refusalsNameTheField() {
        ApiClient acme = scenario.newAccount();
        String grypeWithoutTag = ScannerReports.text("grype-alpine-3.17.2.json");

        assertBadRequest(post(acme, "?format=xml", "{}"), "format");
        assertBadRequest(post(acme, "", "{\"results\": []}"), "format");
        assertBadRequest(post(acme, "", grypeWithoutTag), "image");
        assertBadRequest(post(acme, "?image=alpine@" + DIGEST_A, grypeWithoutTag), "image");
        assertBadRequest(post(acme, "?image=Not%20An%20Image", grypeWithoutTag), "image");
        assertBadRequest(acme.post("/v2/scan-results", normalized("acme/api", "1", DIGEST_A, null,
                List.of(vulnerability("CVE-1", "severe", "zlib", "1")))), "vulnerabilities[0].severity");
        assertBadRequest(acme.post("/v2/scan-results", normalized("acme/api", "1", null, null, List.of())), "image.digest");
        assertBadRequest(acme.post("/v2/scan-results", normalized("acme/api", "1", DIGEST_A, policy("pass", "stop"), List.of())),
                "policy.status");
        assertBadRequest(post(acme, "", ScannerReports.text("anchore-enterprise-cloudbees-core-agent-152299.json")), "image");
        assertError(acme.send("POST", "/v2/scan-results", "<report/>", "application/xml"), 415, "UnsupportedMediaType");
        assertThat(storedIdentities(acme.account())).isEmpty();
        assertThat(acme.get("/v2/events").json().get("item_count").asInt()).isZero();
    }

    // ---------------------------------------------------------------- helpers

    static ApiResponse post(ApiClient api, String query, String body) {
        return api.send("POST", "/v2/scan-results" + query, body, "application/json");
    }

    static Map<String, Object> normalized(String repository, String tag, String digest, Map<String, Object> policy,
            List<Map<String, Object>> vulnerabilities) {
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("repository", repository);
        image.put("tag", tag);
        if (digest != null) {
            image.put("digest", digest);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("image", image);
        if (policy != null) {
            report.put("policy", policy);
        }
        report.put("vulnerabilities", vulnerabilities);
        return report;
    }

    static Map<String, Object> policy(String status, String finalAction) {
        Map<String, Object> policy = new LinkedHashMap<>();
        if (status != null) {
            policy.put("status", status);
        }
        policy.put("final_action", finalAction);
        policy.put("policy_id", "default");
        return policy;
    }

    static Map<String, Object> vulnerability(String id, String severity, String pkg, String version, String... fixes) {
        return Map.of("id", id, "severity", severity, "package", pkg, "version", version, "type", "apk",
                "fix_versions", List.of(fixes), "url", "https://nvd.nist.gov/vuln/detail/" + id);
    }

    static List<String> types(ApiResponse answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        answer.json().get("events").forEach(event -> types.add(event.get("type").asText()));
        return types;
    }

    /** The {@code event} of the answer's n-th emitted event, as GET /v2/events/{id} shows it. */
    static JsonNode event(ApiClient api, ApiResponse answer, int n) {
        ApiResponse stored = api.get("/v2/events/" + answer.json().at("/events/" + n + "/id").asText());
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        return stored.json().get("event");
    }

    /** The (id, package, version) of every vulnerability stored for the account, read from the table. */
    static Set<List<String>> storedIdentities(String account) {
        Set<List<String>> identities = new HashSet<>();
        scenario.sql().withHandle(handle -> handle.createQuery("SELECT vulnerabilities FROM scan_results WHERE account_name = :a")
                .bind("a", account).mapTo(String.class).list()).forEach(stored -> Json.parse(stored).forEach(entry ->
                identities.add(List.of(entry.get("id").asText(), entry.get("package").asText(), entry.get("version").asText()))));
        return identities;
    }
}
