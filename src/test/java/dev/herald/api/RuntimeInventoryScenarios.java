package dev.herald.api;

import static dev.herald.api.ScanResultsScenarios.DIGEST_A;
import static dev.herald.api.ScanResultsScenarios.DIGEST_B;
import static dev.herald.api.ScanResultsScenarios.normalized;
import static dev.herald.api.ScanResultsScenarios.types;
import static dev.herald.support.ApiAssertions.assertBadRequest;
import static dev.herald.support.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.config.JsonMapper;
import dev.herald.scanning.ImageReference;
import dev.herald.scanning.RunningImages;
import dev.herald.support.ApiClient;
import dev.herald.support.AtOnce;
import dev.herald.support.ApiResponse;
import dev.herald.support.DatabaseApiTestBase;
import dev.herald.support.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v2/runtime-inventory} on the real Main: unscanned images reported once per scope until
 * scanned, cluster-scoped replacement, and {@link RunningImages#whereRunning} on what was stored.
 */
abstract class RuntimeInventoryScenarios extends DatabaseApiTestBase {

    private static final String PROD = "prod-eu";

    @Test
    void anUnscannedImageIsReportedOncePerScopeInTheContractsShape() {
        ApiClient acme = scenario.newAccount();

        ApiResponse answer = report(acme, container("nginx:1.25", null, PROD, "web"), container("nginx:1.25", null, PROD, "web"),
                container("nginx:1.25", null, PROD, "shop"));

        assertThat(types(answer)).containsExactly("user.runtime.image.unscanned", "user.runtime.image.unscanned");
        assertThat(answer.json().get("containers").asInt()).isEqualTo(3);
        assertThat(answer.json().get("unscanned_images").asInt()).isEqualTo(1);
        assertThat(answer.json().get("clusters")).isEqualTo(Json.tree(List.of(PROD)));
        ApiResponse stored = acme.get("/v2/events/" + answer.json().at("/events/0/id").asText());
        assertThat(stored.json().at("/event/level").asText()).isEqualTo("info");
        assertThat(stored.json().at("/event/message").asText()).isEqualTo("Running image has not been scanned");
        assertThat(stored.json().at("/event/resource")).isEqualTo(Json.tree(Map.of("account_name", acme.account(),
                "type", "runtime_image", "id", "nginx:1.25")));
        Map<String, Object> image = new LinkedHashMap<>(Map.of("registry", "docker.io", "repository", "library/nginx", "tag", "1.25"));
        image.put("digest", null);
        assertThat(stored.json().at("/event/details")).isEqualTo(Json.tree(Map.of(
                "image", image,
                "runtime", Map.of("labels", Map.of("kubernetes.cluster.name", PROD, "kubernetes.namespace.name", "web",
                        "container.name", "app", "container.image", "nginx:1.25")),
                "subscription_type", "unscanned")));
    }

    @Test
    void reportingAgainEmitsNothingNewButANewScopeIsReported() {
        ApiClient acme = scenario.newAccount();
        report(acme, container("acme/api:1.4", DIGEST_A, PROD, "web"));

        ApiResponse again = report(acme, container("acme/api:1.4", DIGEST_A, PROD, "web"));
        ApiResponse elsewhere = report(acme, container("acme/api:1.4", DIGEST_A, PROD, "web"),
                container("acme/api:1.4", DIGEST_A, "staging", "web"));

        assertThat(types(again)).isEmpty();
        assertThat(again.json().get("unscanned_images").asInt()).isEqualTo(1);
        assertThat(types(elsewhere)).containsExactly("user.runtime.image.unscanned");
    }

    @Test
    void reportsOfOneClusterAtOnceReportAnUnscannedImageOnce() throws Exception {
        ApiClient acme = scenario.newAccount();

        List<ApiResponse> answers = AtOnce.run(6, () -> report(acme, container("acme/api:race", null, PROD, "web")));

        assertThat(answers.stream().flatMap(answer -> types(answer).stream())).containsExactly("user.runtime.image.unscanned");
        assertThat(new RunningImages(scenario.sql(), JsonMapper.create())
                .whereRunning(acme.account(), ImageReference.parse("acme/api:race"))).hasSize(1);
    }

    @Test
    void aScannedImageIsNoLongerUnscanned() {
        ApiClient acme = scenario.newAccount();
        report(acme, container("acme/api:1.4", null, PROD, "web"), container("acme/worker@" + DIGEST_B, null, PROD, "jobs"));
        acme.post("/v2/scan-results", normalized("acme/api", "1.4", DIGEST_A, null, List.of()));
        // the worker's digest, scanned under another tag
        acme.post("/v2/scan-results", normalized("acme/worker", "nightly", DIGEST_B, null, List.of()));

        ApiResponse after = report(acme, container("acme/api:1.4", null, PROD, "web"), container("acme/api:1.4", null, PROD, "new"),
                container("acme/worker@" + DIGEST_B, null, PROD, "jobs"));

        assertThat(types(after)).isEmpty();
        assertThat(after.json().get("unscanned_images").asInt()).isZero();
        int notices = scenario.sql().withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM runtime_unscanned_notices WHERE account_name = :a").bind("a", acme.account())
                .mapTo(Integer.class).one());
        assertThat(notices).as("the notices of scanned images are forgotten").isZero();
    }

    @Test
    void anOlderDigestOfAScannedTagIsScannedAndAnUnknownOneIsNot() {
        ApiClient acme = scenario.newAccount();
        acme.post("/v2/scan-results", normalized("acme/api", "1.4", DIGEST_A, null, List.of()));
        acme.post("/v2/scan-results", normalized("acme/api", "1.4", DIGEST_B, null, List.of()));
        String unknown = "sha256:" + "c3".repeat(32);

        ApiResponse answer = report(acme, container("acme/api:1.4", DIGEST_A, PROD, "old"),
                container("acme/api:1.4", unknown, PROD, "drifted"));

        assertThat(types(answer)).containsExactly("user.runtime.image.unscanned");
        assertThat(acme.get("/v2/events/" + answer.json().at("/events/0/id").asText()).json()
                .at("/event/details/image/digest").asText()).isEqualTo(unknown);
    }

    @Test
    void aReportReplacesTheInventoryOfTheClustersItCovers() {
        ApiClient acme = scenario.newAccount();
        RunningImages running = new RunningImages(scenario.sql(), JsonMapper.create());
        report(acme, container("acme/api:1.4", null, PROD, "web"), container("acme/api:1.4", null, "staging", "web"));

        report(acme, container("acme/api:2.0", null, PROD, "web"));

        assertThat(running.whereRunning(acme.account(), ImageReference.parse("acme/api:1.4")))
                .extracting(labels -> labels.get("kubernetes.cluster.name")).containsExactly("staging");
        assertThat(running.whereRunning(acme.account(), ImageReference.parse("acme/api:2.0"))).hasSize(1);
        ApiResponse emptied = acme.post("/v2/runtime-inventory", Map.of("clusters", List.of("staging"), "containers", List.of()));
        assertThat(emptied.json().get("clusters")).isEqualTo(Json.tree(List.of("staging")));
        assertThat(running.whereRunning(acme.account(), ImageReference.parse("acme/api:1.4"))).isEmpty();
    }

    @Test
    void whereRunningMatchesByDigestWhenBothHaveOneElseByTag() {
        ApiClient acme = scenario.newAccount();
        RunningImages running = new RunningImages(scenario.sql(), JsonMapper.create());
        report(acme, container("acme/api:1.4", DIGEST_A, PROD, "pinned"), container("acme/api:1.4", null, PROD, "tagged"),
                container("registry.example/mirror/api:stable", DIGEST_A, PROD, "mirror"),
                container("acme/api:1.4", DIGEST_B, PROD, "older"));

        List<Map<String, String>> at = running.whereRunning(acme.account(), ImageReference.parse("acme/api:1.4@" + DIGEST_A));

        assertThat(at).extracting(labels -> labels.get("kubernetes.namespace.name")).containsExactly("pinned", "tagged", "mirror");
        assertThat(at.get(0)).containsEntry("container.image", "acme/api:1.4").containsEntry("kubernetes.cluster.name", PROD);
        assertThat(running.whereRunning(acme.account(), ImageReference.parse("acme/api:1.4")))
                .extracting(labels -> labels.get("kubernetes.namespace.name")).containsExactly("pinned", "tagged", "older");
        assertThat(running.whereRunning(acme.account(), ImageReference.parse("acme/api@" + DIGEST_B))).hasSize(1);
        assertThat(running.whereRunning(scenario.newAccount().account(), ImageReference.parse("acme/api:1.4@" + DIGEST_A)))
                .isEmpty();
    }

    @Test
    void registriesAreOneImageInAnyCaseAndDockerHubUnderAnyOfItsNames() {
        ApiClient acme = scenario.newAccount();
        RunningImages running = new RunningImages(scenario.sql(), JsonMapper.create());
        ApiResponse scanned = acme.post("/v2/scan-results", Map.of("image", Map.of("registry", "Registry.EXAMPLE",
                "repository", "mirror/api", "tag", "stable", "digest", DIGEST_A), "vulnerabilities", List.of()));
        assertThat(scanned.json().at("/image/registry").asText()).isEqualTo("registry.example");

        ApiResponse answer = report(acme, container("REGISTRY.example/mirror/api:stable", null, PROD, "mirror"),
                container("registry.hub.docker.com/acme/api:1.4", null, PROD, "hub"));

        assertThat(types(answer)).as("the mirror's tag was scanned under its registry in another case")
                .containsExactly("user.runtime.image.unscanned");
        assertThat(acme.get("/v2/events/" + answer.json().at("/events/0/id").asText()).json()
                .at("/event/details/image/registry").asText()).isEqualTo("docker.io");
        assertThat(running.whereRunning(acme.account(), ImageReference.parse("acme/api:1.4")))
                .extracting(labels -> labels.get("kubernetes.namespace.name")).containsExactly("hub");
        assertThat(running.whereRunning(acme.account(), ImageReference.parse("registry.example/mirror/api:stable")))
                .extracting(labels -> labels.get("kubernetes.namespace.name")).containsExactly("mirror");
    }

    @Test
    void anotherAccountsScanDoesNotCountAndItsInventoryIsItsOwn() {
        ApiClient acme = scenario.newAccount();
        ApiClient other = scenario.newAccount();
        other.post("/v2/scan-results", normalized("acme/api", "1.4", DIGEST_A, null, List.of()));

        ApiResponse answer = report(acme, container("acme/api:1.4", DIGEST_A, PROD, "web"));

        assertThat(types(answer)).containsExactly("user.runtime.image.unscanned");
        assertError(other.get("/v2/events/" + answer.json().at("/events/0/id").asText()), 404, "ResourceNotFound");
    }

    @Test
    void refusalsNameTheFieldAndReadOnlyUsersMayNotReport() {
        ApiClient acme = scenario.newAccount();

        assertBadRequest(acme.post("/v2/runtime-inventory", Map.of()), "containers");
        assertBadRequest(acme.post("/v2/runtime-inventory", Map.of("containers", List.of(Map.of("image", "Not An Image")))),
                "containers[0].image");
        assertBadRequest(acme.post("/v2/runtime-inventory", Map.of("containers", List.of(Map.of("image", "nginx",
                "imageDigest", "sha256:1")))), "containers[0].imageDigest");
        assertBadRequest(acme.post("/v2/runtime-inventory", Map.of("containers", List.of(Map.of("image", "nginx",
                "labels", Map.of("container.name", 7))))), "containers[0].labels.container.name");
        assertError(acme.send("POST", "/v2/runtime-inventory", "containers=1", "application/x-www-form-urlencoded"),
                415, "UnsupportedMediaType");
        assertError(scenario.newUser(acme.account(), "read-only").post("/v2/runtime-inventory", Map.of("containers", List.of())),
                403, "AccessDenied");
        assertThat(acme.get("/v2/events").json().get("item_count").asInt()).isZero();
    }

    @Test
    void deletingTheAccountDeletesItsResultsAndInventory() {
        ApiClient acme = scenario.newAccount();
        acme.post("/v2/scan-results", normalized("acme/api", "1.4", DIGEST_A, null, List.of()));
        report(acme, container("acme/worker:1", null, PROD, "jobs"));

        ApiResponse deleted = herald.api().delete("/v2/accounts/" + acme.account());

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        for (String table : List.of("scan_results", "scanned_digests", "runtime_clusters", "runtime_containers",
                "runtime_unscanned_notices")) {
            int rows = scenario.sql().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM " + table
                    + " WHERE account_name = :a").bind("a", acme.account()).mapTo(Integer.class).one());
            assertThat(rows).as(table).isZero();
        }
    }

    // ---------------------------------------------------------------- helpers

    @SafeVarargs
    private static ApiResponse report(ApiClient api, Map<String, Object>... containers) {
        return api.post("/v2/runtime-inventory", Map.of("containers", List.of(containers)));
    }

    private static Map<String, Object> container(String image, String digest, String cluster, String namespace) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("image", image);
        if (digest != null) {
            container.put("imageDigest", digest);
        }
        container.put("labels", Map.of("kubernetes.cluster.name", cluster, "kubernetes.namespace.name", namespace,
                "container.name", "app"));
        return container;
    }
}
