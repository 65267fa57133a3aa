package dev.herald.api;

import static dev.herald.support.ApiAssertions.assertBadRequest;
import static dev.herald.support.Json.body;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.DatabaseApiTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Configuration as code on the real Main: export, delete everything, import reproduces it (secrets
 * from the environment); a dry run and a second import change nothing; a bad file is a 400 naming
 * the path in the file, and nothing of it is applied. Run on H2 and on PostgreSQL (one transaction each).
 */
abstract class NotificationsFileScenarios extends DatabaseApiTestBase {

    private static final String EXPORT = "/v2/notifications/export";
    private static final String IMPORT = "/v2/notifications/import";
    private static final String WEBHOOKS = "/v2/notifications/endpoints/webhook/configurations";
    private static final String ALERTS = "/api/scanning/v1/alerts";

    @Test
    void anExportedFileReproducesTheAccountAfterEverythingIsDeleted() {
        ApiClient api = scenario.newAccount();
        ApiResponse created = api.post(WEBHOOKS, body("url", "https://hooks.example.com/herald", "username", "bot",
                "password", "s3cret-in-db", "description", "ops hook",
                "digest", Map.of("window_seconds", 300, "max_events", 50)));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String webhook = created.text("uuid");
        assertThat(api.post(WEBHOOKS + "/" + webhook + "/selectors", selector("account", "*", "user.checks.*", "*"))
                .status()).isEqualTo(200);
        ApiResponse alert = api.post(ALERTS, body("name", "prod", "type", "runtime",
                "scope", "kubernetes.namespace.name = \"prod\"", "notificationChannelIds", List.of(webhook)));
        assertThat(alert.status()).as(alert.toString()).isEqualTo(200);
        JsonNode webhooksBefore = api.get(WEBHOOKS).json();
        JsonNode selectorsBefore = api.get("/v2/notifications/selectors").json();
        JsonNode alertsBefore = api.get(ALERTS).json().get("alerts");

        ApiResponse exported = api.get(EXPORT + "?format=yaml");
        assertThat(exported.status()).as(exported.toString()).isEqualTo(200);
        String file = exported.body();
        assertThat(exported.header("Content-Type")).startsWith("application/yaml");
        assertThat(file).as("YAML text, not a JSON string").startsWith("---\nconfigurations:\n");
        String variable = "HERALD_WEBHOOK_" + webhook.substring(0, 8).toUpperCase() + "_PASSWORD";
        assertThat(file).contains("${env:" + variable + "}").doesNotContain("s3cret-in-db").contains("user.checks.*")
                .contains("window_seconds: 300").contains("max_events: 50");

        api.delete(ALERTS + "/" + alert.text("alertId"));
        api.delete(WEBHOOKS + "/" + webhook);
        assertThat(api.get(WEBHOOKS).json()).isEmpty();

        // the test cannot set a variable of its own process: it points the reference at one that is set
        String imported = file.replace(variable, "HOME");
        ApiResponse dryRun = api.send("POST", IMPORT + "?dry_run=true", imported, "application/yaml");
        assertThat(dryRun.status()).as(dryRun.toString()).isEqualTo(200);
        assertThat(actions(dryRun.json())).containsExactly("create configuration", "create selector", "create alert");
        assertThat(api.get(WEBHOOKS).json()).as("a dry run changes nothing").isEmpty();

        ApiResponse applied = api.send("POST", IMPORT, imported, "application/yaml");
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        assertThat(api.get(WEBHOOKS).json()).isEqualTo(withoutTimes(webhooksBefore, api.get(WEBHOOKS).json()));
        assertThat(api.get("/v2/notifications/selectors").json()).isEqualTo(selectorsBefore);
        assertThat(api.get(ALERTS).json().get("alerts").get(0).get("notificationChannelIds"))
                .isEqualTo(alertsBefore.get(0).get("notificationChannelIds"));

        ApiResponse again = api.send("POST", IMPORT, imported, "application/yaml");
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(actions(again.json())).as("importing the same file twice changes nothing")
                .containsExactly("unchanged configuration", "unchanged selector", "unchanged alert");
        ApiResponse json = api.send("POST", IMPORT, api.get(EXPORT).body().replace(variable, "HOME"), "application/json");
        assertThat(json.status()).as(json.toString()).isEqualTo(200);
        assertThat(actions(json.json())).as("the JSON export reads the same")
                .containsExactly("unchanged configuration", "unchanged selector", "unchanged alert");
    }

    @Test
    void aBadFileIsRefusedNamingThePathAndNothingOfItIsApplied() {
        ApiClient api = scenario.newAccount();
        String good = "{\"configurations\": [{\"type\": \"webhook\", \"uuid\": \"6f1c2a38-0d5e-4c1b-9a51-1b8f4d0c9e01\","
                + " \"url\": \"https://hooks.example.com/a\"}, {\"type\": \"webhook\","
                + " \"uuid\": \"6f1c2a38-0d5e-4c1b-9a51-1b8f4d0c9e02\", \"url\": \"not a url\"}]}";
        assertBadRequest(api.send("POST", IMPORT, good, "application/json"), "configurations[1].url");
        assertThat(api.get(WEBHOOKS).json()).as("nothing half applied").isEmpty();

        String unset = "configurations:\n- type: webhook\n  uuid: 6f1c2a38-0d5e-4c1b-9a51-1b8f4d0c9e03\n"
                + "  url: https://hooks.example.com/a\n  password: ${env:HERALD_TEST_SURELY_UNSET}\n";
        ApiResponse refused = api.send("POST", IMPORT, unset, "application/yaml");
        assertBadRequest(refused, "configurations[0].password");
        assertThat(refused.body()).contains("HERALD_TEST_SURELY_UNSET");

        String other = scenario.newAccount().post(WEBHOOKS, body("url", "https://hooks.example.com/b")).text("uuid");
        assertBadRequest(api.send("POST", IMPORT, "configurations:\n- type: webhook\n  uuid: " + other
                + "\n  url: https://hooks.example.com/a\n", "application/yaml"), "configurations[0].uuid");
        assertBadRequest(api.send("POST", IMPORT, "configurations: [unclosed", "application/yaml"), "body");
        assertBadRequest(api.send("POST", IMPORT, "alerts:\n- alertId: 6f1c2a38-0d5e-4c1b-9a51-1b8f4d0c9e04\n"
                + "  name: x\n  type: nonsense\n", "application/yaml"), "alerts[0].type");
        assertThat(api.get(WEBHOOKS).json()).isEmpty();
        assertThat(api.get(ALERTS).json().get("alerts")).isEmpty();
        assertBadRequest(api.get(EXPORT + "?format=xml"), "format");
        assertBadRequest(api.send("POST", IMPORT + "?dry_run=yes", good.replace("not a url", "https://hooks.example.com/b"),
                "application/json"), "dry_run");
        assertThat(api.get(WEBHOOKS).json()).as("a dry run misspelt applies nothing").isEmpty();
    }

    private static List<String> actions(JsonNode answer) {
        List<String> actions = new ArrayList<>();
        answer.get("changes").forEach(change -> actions.add(change.get("action").asText() + " " + change.get("kind").asText()));
        return actions;
    }

    /** The listing before, with the times of the listing after: an import sets them anew. */
    private static JsonNode withoutTimes(JsonNode before, JsonNode after) {
        JsonNode copy = before.deepCopy();
        for (int i = 0; i < copy.size(); i++) {
            for (String field : List.of("created_at", "last_updated", "status")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get(i)).set(field, after.get(i).get(field));
            }
        }
        return copy;
    }
}
