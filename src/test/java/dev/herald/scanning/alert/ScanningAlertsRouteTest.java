package dev.herald.scanning.alert;

import static dev.herald.support.AlertChannels.repositoryAlert;
import static dev.herald.support.Json.body;
import static dev.herald.support.Json.with;
import static dev.herald.support.Scenario.selector;
import static dev.herald.support.ScanningEvents.analysisCompleted;
import static dev.herald.support.ScanningEvents.policyEvaluation;
import static dev.herald.support.ScanningEvents.unscanned;
import static dev.herald.support.ScanningEvents.vulnerabilitiesUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.AlertChannels;
import dev.herald.support.AlertChannels.Channel;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiTestBase;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.LoopbackReceiver.Request;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scanning alerts through the real pipeline (relay-events, dispatch-deliveries, deliver-webhook) on
 * the real Main and YAML: events of the scanning contract posted to {@code /v2/events} reach the
 * loopback receiver through the channels of the alerts they fire, and only those.
 */
class ScanningAlertsRouteTest extends ApiTestBase {

    private static final String ALERTS = "/api/scanning/v1/alerts";

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

    private List<String> postAndSettle(ApiClient api, List<Map<String, Object>> events) {
        List<String> ids = scenario.postAll(api, events);
        scenario.awaitSettled(ids);
        return ids;
    }

    @Test
    void aRepositoryAlertOnAcmesImagesFiresForThemAndNotForOthers() {
        ApiClient acme = scenario.newAccount();
        Channel channel = channels.channel(acme, "acme-images");
        scenario.alert(acme, repositoryAlert("docker.io", "acme/*", "*", Map.of("analysis_update", true), false, channel));

        List<String> ids = postAndSettle(acme, List.of(analysisCompleted("docker.io", "acme/api", "1.0"),
                analysisCompleted("quay.io", "other/x", "latest")));

        assertThat(channels.received(channel)).containsExactly(ids.get(0));
        Request request = receiver.requestsTo(channel.path()).get(0);
        assertThat(request.json().get("type").asText()).isEqualTo("user.image.analysis.completed");
        assertThat(request.json().at("/resource/id").asText()).isEqualTo("docker.io/acme/api:1.0");
        assertThat(scenario.deliveriesOf(acme, ids.get(1))).isEmpty();
    }

    @Test
    void passFailFiresOnPassToFailOnlyAndAnyChangeOnEveryUpdate() {
        ApiClient acme = scenario.newAccount();
        Channel passFail = channels.channel(acme, "pass-fail");
        Channel anyChange = channels.channel(acme, "any-change");
        scenario.alert(acme, repositoryAlert("docker.io", "acme/api", "*", Map.of("policy_eval", true), true, passFail));
        scenario.alert(acme, repositoryAlert("docker.io", "acme/api", "*", Map.of("policy_eval", true), false, anyChange));

        List<String> ids = postAndSettle(acme, List.of(
                policyEvaluation("docker.io", "acme/api", "1.0", "pass", "go", "fail", "stop"),
                policyEvaluation("docker.io", "acme/api", "1.0", "fail", "stop", "pass", "go"),
                policyEvaluation("docker.io", "acme/api", "1.0", "pass", "go", "pass", "warn")));

        assertThat(channels.received(passFail)).containsExactly(ids.get(0));
        assertThat(channels.received(anyChange)).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aCveUpdateFiresTheVulnerabilityAlert() {
        ApiClient acme = scenario.newAccount();
        Channel channel = channels.channel(acme, "cves");
        scenario.alert(acme, repositoryAlert("docker.io", "acme/api", "1.*", Map.of("vuln_update", true), false, channel));

        List<String> ids = postAndSettle(acme, List.of(vulnerabilitiesUpdate("docker.io", "acme/api", "1.0"),
                vulnerabilitiesUpdate("docker.io", "acme/api", "2.0"),
                analysisCompleted("docker.io", "acme/api", "1.0")));

        assertThat(channels.received(channel)).containsExactly(ids.get(0));
        assertThat(receiver.requestsTo(channel.path()).get(0).json().at("/details/diff_vulnerability_result/added/0/CVE_ID")
                .asText()).isEqualTo("CVE-2026-0001");
    }

    @Test
    void anUnscannedImageFiresTheRuntimeAlertOfItsNamespaceOnly() {
        ApiClient acme = scenario.newAccount();
        Channel channel = channels.channel(acme, "unscanned-prod");
        scenario.alert(acme, body("name", "unscanned in prod", "type", "runtime", "scope", "kubernetes.namespace.name = \"prod\"",
                "triggers", Map.of("unscanned", true), "notificationChannelIds", List.of(channel.uuid())));

        List<String> ids = postAndSettle(acme, List.of(
                unscanned("docker.io", "acme/api", "1.0", Map.of("kubernetes.cluster.name", "eu-1", "kubernetes.namespace.name", "prod")),
                unscanned("docker.io", "acme/api", "1.0", Map.of("kubernetes.cluster.name", "eu-1", "kubernetes.namespace.name", "dev"))));

        assertThat(channels.received(channel)).containsExactly(ids.get(0));
    }

    @Test
    void anAlertWithoutChannelsSendsNothingAndAChannelDeletedIsSkipped() {
        ApiClient acme = scenario.newAccount();
        Channel kept = channels.channel(acme, "kept");
        Channel deleted = channels.channel(acme, "deleted");
        scenario.alert(acme, repositoryAlert("*", "*", "*", Map.of("analysis_update", true), false));
        String both = scenario.alert(acme, repositoryAlert("docker.io", "acme/*", "*", Map.of("analysis_update", true), false,
                deleted, kept));
        acme.delete("/v2/notifications/endpoints/webhook/configurations/" + deleted.uuid());

        List<String> ids = postAndSettle(acme, List.of(analysisCompleted("docker.io", "acme/api", "1.0"),
                analysisCompleted("quay.io", "other/x", "1.0")));

        assertThat(channels.received(kept)).containsExactly(ids.get(0));
        assertThat(channels.received(deleted)).isEmpty();
        assertThat(scenario.deliveriesOf(acme, ids.get(1))).as("the alert without channels").isEmpty();
        assertThat(acme.get(ALERTS + "/" + both).json().get("notificationChannelIds")).as("still listed").hasSize(2);
    }

    @Test
    void aSelectorAndAnAlertChoosingTheSameConfigurationMakeOneDelivery() {
        ApiClient acme = scenario.newAccount();
        String path = "/selector-and-alert-" + System.nanoTime();
        Channel channel = new Channel(path, scenario.webhook(acme, receiver.url(path),
                List.of(selector("account", "*", "user.image.*", "*"))));
        scenario.alert(acme, repositoryAlert("docker.io", "acme/*", "*", Map.of("analysis_update", true), false, channel));

        List<String> ids = postAndSettle(acme, List.of(analysisCompleted("docker.io", "acme/api", "1.0"),
                analysisCompleted("quay.io", "other/x", "1.0")));

        assertThat(scenario.deliveriesOf(acme, ids.get(0))).hasSize(1);
        assertThat(channels.received(channel)).as("the selector alone chose the second").containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aChangedAlertIsEvaluatedAsChangedFromTheNextEvent() {
        ApiClient acme = scenario.newAccount();
        Channel channel = channels.channel(acme, "changed");
        Map<String, Object> alert = repositoryAlert("docker.io", "acme/*", "*", Map.of("analysis_update", true), false, channel);
        String alertId = scenario.alert(acme, alert);
        List<String> first = postAndSettle(acme, List.of(analysisCompleted("docker.io", "acme/api", "1.0")));

        assertThat(acme.put(ALERTS + "/" + alertId, with(alert, "enabled", false)).status()).isEqualTo(200);
        postAndSettle(acme, List.of(analysisCompleted("docker.io", "acme/api", "1.1")));
        assertThat(acme.delete(ALERTS + "/" + alertId).status()).isEqualTo(200);
        postAndSettle(acme, List.of(analysisCompleted("docker.io", "acme/api", "1.2")));

        assertThat(channels.received(channel)).containsExactlyElementsOf(first);
    }

    @Test
    void anotherAccountsEventsDoNotFireTheAlert() {
        ApiClient acme = scenario.newAccount();
        ApiClient globex = scenario.newAccount();
        Channel channel = channels.channel(acme, "acme-only");
        scenario.alert(acme, repositoryAlert("*", "*", "*", Map.of("analysis_update", true), false, channel));

        postAndSettle(globex, List.of(analysisCompleted("docker.io", "acme/api", "1.0")));

        assertThat(channels.received(channel)).isEmpty();
    }
}
