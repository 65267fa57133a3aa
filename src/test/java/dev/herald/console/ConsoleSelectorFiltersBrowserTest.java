package dev.herald.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.ConsoleBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The custom selector form's two filters, min_severity and a CEL filter, in headless Chromium:
 * saved through the API as typed, and shown again when the configuration is edited.
 */
@EnabledIf(value = ConsoleBrowser.INSTALLED, disabledReason = ConsoleBrowser.MISSING)
class ConsoleSelectorFiltersBrowserTest extends ConsoleBrowserTestBase {

    private static final String FILTER = "event.resource.id.startsWith('docker.io/acme/') && event.level == \"info\"";

    @Test
    void aCustomSelectorIsSavedWithAMinimumSeverityAndACelFilter() {
        String username = userOfNewAccount("read-write");
        browser.signIn(username, PASSWORD).show("#/notifications/webhook");
        browser.button("Let's Add One!").click();
        browser.fill("Description", "filtered hook").fill("URL *", peers.receiver.url("/filtered-hook"));
        browser.pick("Add Custom Selector");
        assertThat(new Select(browser.control("Minimum Severity")).getFirstSelectedOption().getText())
                .isEqualTo("Any (no minimum)");
        browser.fill("Type", "user.checks.*").fill("Resource Type", "*")
                .choose("Minimum Severity", "High")
                .fill("Filter (CEL)", FILTER);
        browser.screenshot("selector-filters").accessible("the custom selector with its filters");
        browser.button("OK").click();
        browser.settled().sees("filtered hook");

        String configurations = "/v2/notifications/endpoints/webhook/configurations";
        String uuid = apiOf(username).get(configurations).json().get(0).get("uuid").asText();
        JsonNode selectors = apiOf(username).get(configurations + "/" + uuid + "/selectors").json();
        assertThat(selectors).hasSize(1);
        assertThat(selectors.get(0).get("event").get("type").asText()).isEqualTo("user.checks.*");
        assertThat(selectors.get(0).get("min_severity").asText()).isEqualTo("High");
        assertThat(selectors.get(0).get("filter").asText()).isEqualTo(FILTER);

        browser.button("Edit").click();
        // the Edit dialog opens once the configuration's selectors have been read
        WebElement custom = browser.until(d -> d.findElement(By.xpath(
                "//dialog[@open]//label[normalize-space()='Add Custom Selector']/input")));
        assertThat(custom.isSelected()).as("a filtered selector is no Quick Selection").isTrue();
        assertThat(new Select(browser.control("Minimum Severity")).getFirstSelectedOption().getText()).isEqualTo("High");
        assertThat(browser.control("Filter (CEL)").getAttribute("value")).isEqualTo(FILTER);
        browser.button("Cancel").click();
    }

    @Test
    void aRefusedFilterLeavesTheSavedSelectorAndASecondOkGoesOnFromThere() {
        String username = userOfNewAccount("read-write");
        browser.signIn(username, PASSWORD).show("#/notifications/webhook");
        browser.button("Let's Add One!").click();
        browser.fill("Description", "kept hook").fill("URL *", peers.receiver.url("/kept-hook"));
        browser.pick("Add Custom Selector");
        browser.fill("Type", "user.checks.*").fill("Resource Type", "*").fill("Filter (CEL)", FILTER);
        browser.button("OK").click();
        browser.settled().sees("kept hook");
        String selectorsPath = "/v2/notifications/endpoints/webhook/configurations/"
                + apiOf(username).get("/v2/notifications/endpoints/webhook/configurations").json().get(0).get("uuid").asText()
                + "/selectors";
        String savedUuid = apiOf(username).get(selectorsPath).json().get(0).get("uuid").asText();

        browser.button("Edit").click();
        browser.until(d -> d.findElement(By.xpath("//dialog[@open]")));
        browser.fill("Filter (CEL)", "event.level ==");
        browser.button("OK").click();
        browser.sees("is not a valid CEL expression");
        JsonNode kept = apiOf(username).get(selectorsPath).json();
        assertThat(kept).as("the refused selector removed nothing").hasSize(1);
        assertThat(kept.get(0).get("uuid").asText()).isEqualTo(savedUuid);
        assertThat(kept.get(0).get("filter").asText()).isEqualTo(FILTER);

        browser.fill("Filter (CEL)", "event.level == \"error\"");
        browser.button("OK").click();
        browser.until(d -> browser.status().contains("Configuration saved."));
        JsonNode replaced = apiOf(username).get(selectorsPath).json();
        assertThat(replaced).as("one selector, the new one").hasSize(1);
        assertThat(replaced.get(0).get("filter").asText()).isEqualTo("event.level == \"error\"");
        assertThat(apiOf(username).get("/v2/notifications/endpoints/webhook/configurations").json())
                .as("the second OK saved the same configuration").hasSize(1);
    }
}
