package dev.herald.scanning;

import static dev.herald.support.AlertChannels.repositoryAlert;
import static dev.herald.support.Json.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.AlertChannels;
import dev.herald.support.AlertChannels.Channel;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.ApiTestBase;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.LoopbackReceiver.Request;
import dev.herald.support.ScannerReports;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scanning alerts as a team runs them: scanner reports posted to {@code /v2/scan-results} and the
 * cluster's containers to {@code /v2/runtime-inventory} make the events, the relay evaluates the
 * alerts on them, and the alerts' channels (webhooks on a loopback receiver) get what fired, through
 * the real Main, YAML routes and H2.
 */
class ScanningAlertsFromReportsRouteTest extends ApiTestBase {

    private static final String DIGEST_1 = "sha256:" + "1a".repeat(32);
    private static final String DIGEST_2 = "sha256:" + "2b".repeat(32);

    static LoopbackReceiver receiver;
    static AlertChannels channels;

    @BeforeAll
    static void startReceiver() {
        receiver = new LoopbackReceiver();
        channels = new AlertChannels(scenario, receiver);
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void newImageAnalyzedOnDockerIoAcmeFiresForAFirstScanOfAcmeApiAndNotForAnotherRegistry() {
        ApiClient acme = scenario.newAccount();
        Channel channel = channels.channel(acme, "new-image");
        scenario.alert(acme, repositoryAlert("docker.io", "acme/*", "*", Map.of("analysis_update", true), false, channel));

        List<String> acmeApi = scan(acme, report("docker.io", "acme/api", "1.0", DIGEST_1, null, List.of()));
        List<String> other = scan(acme, report("quay.io", "other/x", "latest", DIGEST_2, null, List.of()));
        scenario.awaitSettled(concat(acmeApi, other));

        assertThat(channels.received(channel)).containsExactlyElementsOf(acmeApi);
        JsonNode sent = receiver.requestsTo(channel.path()).get(0).json();
        assertThat(sent.get("type").asText()).isEqualTo("user.image.analysis.completed");
        assertThat(sent.at("/resource/id").asText()).isEqualTo("docker.io/acme/api:1.0");
        assertThat(scenario.deliveriesOf(acme, other.get(0))).isEmpty();
    }

    @Test
    void passFailFiresOnPassToFailOnlyAndAnyChangeOnEveryChangeOfStatusOrFinalAction() {
        ApiClient acme = scenario.newAccount();
        Channel passFail = channels.channel(acme, "pass-fail");
        Channel anyChange = channels.channel(acme, "any-change");
        scenario.alert(acme, repositoryAlert("docker.io", "acme/api", "*", Map.of("policy_eval", true), true, passFail));
        scenario.alert(acme, repositoryAlert("docker.io", "acme/api", "*", Map.of("policy_eval", true), false, anyChange));

        List<String> first = scan(acme, report("docker.io", "acme/api", "2.0", DIGEST_1, policy("pass", "go"), List.of()));
        List<String> passToFail = scan(acme, report("docker.io", "acme/api", "2.0", DIGEST_1, policy("fail", "stop"), List.of()));
        List<String> failToPass = scan(acme, report("docker.io", "acme/api", "2.0", DIGEST_1, policy("pass", "go"), List.of()));
        List<String> goToWarn = scan(acme, report("docker.io", "acme/api", "2.0", DIGEST_1, policy("pass", "warn"), List.of()));
        assertThat(List.of(passToFail, failToPass, goToWarn)).as("one policy event each").allSatisfy(ids ->
                assertThat(ids).hasSize(1));
        scenario.awaitSettled(concat(first, passToFail, failToPass, goToWarn));

        assertThat(channels.received(passFail)).containsExactlyElementsOf(passToFail);
        assertThat(channels.received(anyChange)).containsExactlyInAnyOrderElementsOf(concat(passToFail, failToPass, goToWarn));
    }

    /** Two real Trivy reports of one tag: what the later one adds and removes is what the CVE alert lists. */
    @Test
    void cveUpdateFiresWhenALaterReportAddsOrRemovesCvesAndListsThem() {
        ApiClient acme = scenario.newAccount();
        Channel channel = channels.channel(acme, "cve-update");
        scenario.alert(acme, repositoryAlert("docker.io", "acme/alpine", "*", Map.of("vuln_update", true), false, channel));
        String image = "?image=docker.io/acme/alpine:3";

        List<String> first = scanRaw(acme, image, ScannerReports.text("trivy-alpine-3.9.json"));
        List<String> again = scanRaw(acme, image, ScannerReports.text("trivy-alpine-3.9.json"));
        List<String> later = scanRaw(acme, image, ScannerReports.text("trivy-alpine-3.10.json"));
        assertThat(again).as("the same report twice: no event").isEmpty();
        scenario.awaitSettled(concat(first, later));

        List<Request> sent = receiver.requestsTo(channel.path());
        assertThat(sent).hasSize(1);
        JsonNode diff = sent.get(0).json().at("/details/diff_vulnerability_result");
        Set<List<String>> before = ScannerReports.identities("trivy-alpine-3.9.json");
        Set<List<String>> after = ScannerReports.identities("trivy-alpine-3.10.json");
        assertThat(ScannerReports.diffIdentities(diff.get("added")))
                .isEqualTo(ScannerReports.minus(after, before)).isNotEmpty();
        assertThat(ScannerReports.diffIdentities(diff.get("removed")))
                .isEqualTo(ScannerReports.minus(before, after)).isNotEmpty();
    }

    @Test
    void anUnscannedImageAlertScopedToProdFiresForAnImageRunningInProdAndNotInDev() {
        ApiClient acme = scenario.newAccount();
        Channel channel = channels.channel(acme, "unscanned");
        scenario.alert(acme, runtimeAlert("kubernetes.namespace.name = \"prod\"", Map.of("unscanned", true), channel));

        List<String> ids = inventory(acme, List.of(
                container("docker.io/acme/web:3.1", "prod"),
                container("docker.io/acme/batch:0.9", "dev")));
        assertThat(ids).as("one unscanned event per image and place").hasSize(2);
        scenario.awaitSettled(ids);

        List<Request> sent = receiver.requestsTo(channel.path());
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).json().get("type").asText()).isEqualTo("user.runtime.image.unscanned");
        assertThat(sent.get(0).json().at("/details/image/repository").asText()).isEqualTo("acme/web");
        assertThat(inventory(acme, List.of(container("docker.io/acme/web:3.1", "prod"),
                container("docker.io/acme/batch:0.9", "dev")))).as("reported again: nothing new").isEmpty();
    }

    /** A runtime alert on scan events looks where the inventory says the image runs. */
    @Test
    void aRuntimeAlertOnScanResultsFiresForImagesRunningInItsScopeOnly() {
        ApiClient acme = scenario.newAccount();
        Channel channel = channels.channel(acme, "runtime-cves");
        scenario.alert(acme, runtimeAlert("kubernetes.namespace.name in (\"prod\", \"staging\")",
                Map.of("analysis_update", true), channel));
        List<String> unscanned = inventory(acme, List.of(container("docker.io/acme/shop:5", "prod"),
                container("docker.io/acme/tools:1", "dev")));

        List<String> shop = scan(acme, report("docker.io", "acme/shop", "5", DIGEST_1, null, List.of()));
        List<String> tools = scan(acme, report("docker.io", "acme/tools", "1", DIGEST_2, null, List.of()));
        scenario.awaitSettled(concat(unscanned, shop, tools));

        assertThat(channels.received(channel)).as("shop runs in prod; tools only in dev")
                .containsExactlyElementsOf(shop);
    }

    // ---------------------------------------------------------------- the team's side

    private static Map<String, Object> runtimeAlert(String scope, Map<String, Object> triggers, Channel channel) {
        return body("name", "runtime alert", "type", "runtime", "scope", scope, "triggers", triggers,
                "notificationChannelIds", List.of(channel.uuid()));
    }

    private static Map<String, Object> report(String registry, String repository, String tag, String digest,
            Map<String, Object> policy, List<Map<String, Object>> vulnerabilities) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("image", Map.of("registry", registry, "repository", repository, "tag", tag, "digest", digest));
        if (policy != null) {
            report.put("policy", policy);
        }
        report.put("vulnerabilities", vulnerabilities);
        return report;
    }

    private static Map<String, Object> policy(String status, String finalAction) {
        return Map.of("status", status, "final_action", finalAction, "policy_id", "default");
    }

    private static Map<String, Object> container(String image, String namespace) {
        return Map.of("image", image, "labels", Map.of("kubernetes.cluster.name", "east",
                "kubernetes.namespace.name", namespace));
    }

    /** Posts a normalized report; returns the ids of the events it emitted. */
    private static List<String> scan(ApiClient api, Map<String, Object> report) {
        return eventIds(api.post("/v2/scan-results", report));
    }

    private static List<String> scanRaw(ApiClient api, String query, String report) {
        return eventIds(api.send("POST", "/v2/scan-results" + query, report, "application/json"));
    }

    private static List<String> inventory(ApiClient api, List<Map<String, Object>> containers) {
        return eventIds(api.post("/v2/runtime-inventory", Map.of("containers", containers)));
    }

    private static List<String> eventIds(ApiResponse answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.json().get("events").forEach(event -> ids.add(event.get("id").asText()));
        return ids;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
