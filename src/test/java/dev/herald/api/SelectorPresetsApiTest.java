package dev.herald.api;

import static dev.herald.api.SelectorsApiTest.configuration;
import static dev.herald.api.SelectorsApiTest.configurations;
import static dev.herald.api.SelectorsApiTest.selectors;
import static dev.herald.support.ApiAssertions.assertError;
import static dev.herald.support.Json.elements;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.ApiTestBase;
import dev.herald.support.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Anchore's Quick Selection on the real Main (DESIGN §4): {@code GET /v2/notifications/selector-presets}
 * lists the presets with their selector fields, and a selector may be created naming one.
 */
class SelectorPresetsApiTest extends ApiTestBase {

    private static final String PRESETS = "/v2/notifications/selector-presets";

    @Test
    void thePresetsAreAnchoresQuickSelectionTable() {
        ApiResponse listed = scenario.newAccount().get(PRESETS);

        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(elements(listed.json())).extracting(preset -> preset.get("title").asText() + ": "
                + preset.get("scope").asText() + ", " + preset.at("/event/level").asText() + ", "
                + preset.at("/event/type").asText() + ", " + preset.at("/event/resource_type").asText())
                .containsExactly(
                        "Policy evaluation and vulnerabilities updates: account, *, user.checks.*, *",
                        "User errors: account, error, user.*, *",
                        "User infos: account, info, user.*, *",
                        "Everything user related: account, *, user.*, *",
                        "System errors: account, error, system.*, *",
                        "System infos: account, info, system.*, *",
                        "Everything system related: account, *, system.*, *",
                        "All: account, *, *, *",
                        "All for every account: global, *, *, *");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "policy-and-vulnerability-updates, *, user.checks.*",
            "user-errors, error, user.*",
            "user-infos, info, user.*",
            "everything-user, *, user.*",
            "system-errors, error, system.*",
            "system-infos, info, system.*",
            "everything-system, *, system.*",
            "all, *, *"})
    void aSelectorCreatedFromAPresetHasThePresetsFields(String preset, String level, String type) {
        ApiClient api = scenario.newAccount();
        String configuration = configuration(api, "webhook");

        ApiResponse created = api.post(selectors("webhook", configuration), Map.of("preset", preset));

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().get("scope").asText()).isEqualTo("account");
        assertThat(created.json().get("event")).isEqualTo(Json.tree(Map.of("level", level, "type", type, "resource_type", "*")));
        assertThat(api.get(selectors("webhook", configuration) + "/" + created.text("uuid")).json())
                .isEqualTo(created.json());
    }

    @Test
    void aSelectorIsReplacedByAPreset() {
        ApiClient api = scenario.newAccount();
        String configuration = configuration(api, "webhook");
        String selector = selectors("webhook", configuration) + "/"
                + api.post(selectors("webhook", configuration), Map.of("preset", "user-errors")).text("uuid");

        ApiResponse replaced = api.put(selector, Map.of("preset", "system-infos"));

        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(api.get(selector).json().get("event"))
                .isEqualTo(Json.tree(Map.of("level", "info", "type", "system.*", "resource_type", "*")));
    }

    @Test
    void allForEveryAccountIsForTheAdminAccountOnly() {
        ApiClient api = scenario.newAccount();
        String configuration = configuration(api, "webhook");
        assertError(api.post(selectors("webhook", configuration), Map.of("preset", "all-for-every-account")),
                403, "AccessDenied");
        assertThat(elements(api.get(selectors("webhook", configuration)).json())).isEmpty();

        ApiClient admin = herald.api();
        String adminConfiguration = configuration(admin, "webhook");
        try {
            ApiResponse created = admin.post(selectors("webhook", adminConfiguration), Map.of("preset", "all-for-every-account"));
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            JsonNode selector = created.json();
            assertThat(List.of(selector.get("scope").asText(), selector.at("/event/type").asText()))
                    .containsExactly("global", "*");
        } finally {
            admin.delete(configurations("webhook") + "/" + adminConfiguration);
        }
    }
}
