package dev.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.HeraldInstance;
import dev.herald.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code herald.import.file}: the file is applied to the admin account at start, or the start stops naming the problem. */
class StartupImportTest {

    private static final String FILE = """
            configurations:
              - type: webhook
                uuid: 0b9e4c1a-5d2f-4e8a-9c3b-7f1e2d3c4b5a
                description: from git
                url: https://hooks.example.com/gitops
                selectors:
                  - uuid: 1c8f3b2a-6e4d-4f9b-8a2c-6e0d1c2b3a49
                    scope: account
                    event: {level: "*", type: "user.checks.*", resource_type: "*"}
            """;

    @TempDir
    Path folder;

    @Test
    void theFileIsAppliedBeforeTheApiServes() throws IOException {
        Path file = Files.writeString(folder.resolve("herald.yaml"), FILE);

        try (HeraldInstance herald = HeraldInstance.start(TestDatabase.h2(folder), Map.of("herald.import.file", file.toString()))) {
            JsonNode configurations = herald.api().get("/v2/notifications/endpoints/webhook/configurations").json();
            assertThat(configurations).hasSize(1);
            assertThat(configurations.get(0).get("uuid").asText()).isEqualTo("0b9e4c1a-5d2f-4e8a-9c3b-7f1e2d3c4b5a");
            assertThat(configurations.get(0).get("description").asText()).isEqualTo("from git");
            JsonNode selectors = herald.api().get("/v2/notifications/selectors").json();
            assertThat(selectors.get(0).get("event").get("type").asText()).isEqualTo("user.checks.*");
        }
    }

    @Test
    void aFileThatCannotBeAppliedStopsTheStartNamingThePath() throws IOException {
        Path file = Files.writeString(folder.resolve("herald.yaml"), FILE.replace("https://hooks.example.com/gitops", "nowhere"));

        assertThatThrownBy(() -> HeraldInstance.start(TestDatabase.h2(folder), Map.of("herald.import.file", file.toString())))
                .rootCause().hasMessageContaining("configurations[0].url");
    }
}
