package dev.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator changes the words of a message from herald.templates.directory, without rebuilding Herald. */
class TemplateOverrideRouteTest {

    @TempDir
    Path folder;

    @Test
    void aTemplateInTheOperatorsDirectoryReplacesTheShippedOne() throws Exception {
        Path templates = Files.createDirectories(folder.resolve("templates").resolve("slack"));
        Files.writeString(templates.resolve("fallback.txt.mustache"), "Security notice for {{account}}: {{message}}");
        try (LoopbackReceiver slack = new LoopbackReceiver();
                HeraldInstance herald = HeraldInstance.start(TestDatabase.h2(folder),
                        Map.of("herald.templates.directory", folder.resolve("templates").toString()))) {
            ApiClient acme = new Scenario(herald).newAccount();

            ApiResponse answer = acme.post("/v2/notifications/endpoints/slack/test", Map.of("url", slack.url("/hook")));

            assertThat(answer.text("status")).isEqualTo("success");
            assertThat(new ObjectMapper().readTree(slack.requestsTo("/hook").get(0).body()).get("text").asText())
                    .isEqualTo("Security notice for " + acme.account() + ": Unsolicited random wisdom of the moment");
        }
    }
}
