package dev.herald.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.ApiClient;
import dev.herald.support.ConsoleBrowser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** The Notifications screen's Import in headless Chromium: the dry run's changes are shown, OK applies them. */
@EnabledIf(value = ConsoleBrowser.INSTALLED, disabledReason = ConsoleBrowser.MISSING)
class ConsoleImportBrowserTest extends ConsoleBrowserTestBase {

    private static final String FILE = """
            configurations:
              - type: webhook
                uuid: 7d3a9e2b-1c4f-4a8d-b6e5-2f0c9d8e7a61
                description: imported in the console
                url: https://hooks.example.com/console-import
            """;

    @TempDir
    Path folder;

    @Test
    void anImportShowsTheDryRunThenAppliesOnOk() throws IOException {
        ApiClient api = signedInToNewAccount();
        Path file = Files.writeString(folder.resolve("herald.yaml"), FILE);
        browser.show("#/notifications").settled();
        browser.button("Import").click();
        browser.control("File to import").sendKeys(file.toString());
        browser.sees("create configuration 7d3a9e2b-1c4f-4a8d-b6e5-2f0c9d8e7a61 (configurations[0])");
        assertThat(api.get("/v2/notifications/endpoints/webhook/configurations").json()).as("a dry run only").isEmpty();
        browser.screenshot("import-dry-run").accessible("the Import dialog");

        browser.button("OK").click();
        browser.until(d -> d.findElements(By.cssSelector("dialog[open]")).isEmpty());
        assertThat(api.get("/v2/notifications/endpoints/webhook/configurations").json().get(0).get("description").asText())
                .isEqualTo("imported in the console");
    }
}
