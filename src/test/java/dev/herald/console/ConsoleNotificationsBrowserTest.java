package dev.herald.console;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.ConsoleBrowser;
import dev.herald.support.EndpointPeers;
import dev.herald.support.HeraldInstance;
import dev.herald.support.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The console's sign-in and Notifications screens in headless Chromium, as a user clicks them,
 * against a real Herald and real receivers on loopback (a webhook receiver, GreenMail).
 */
@EnabledIf(value = ConsoleBrowser.INSTALLED, disabledReason = ConsoleBrowser.MISSING)
class ConsoleNotificationsBrowserTest extends ConsoleBrowserTestBase {

    @Test
    void rootRedirectsToTheSignInAndSigningOutForgetsTheCredentials() {
        browser.signedOut();
        browser.visit("/");
        // the console's router may already have added its screen to the fragment
        assertThat(browser.driver().getCurrentUrl()).matches(".*/console/(#.*)?");
        browser.until(d -> browser.control("Username").isDisplayed());
        browser.screenshot("01-sign-in").accessible("the sign-in form");

        // by keyboard alone: type, Tab, type, Enter
        browser.control("Username").sendKeys("admin", Keys.TAB, "not-the-password", Keys.ENTER);
        browser.sees("Invalid username or password.");

        browser.signIn("admin", HeraldInstance.ADMIN_PASSWORD);
        browser.sees("Email").sees("GitHub").sees("Jira").sees("Slack").sees("MS Teams").sees("Webhook");
        assertThat(browser.script("return localStorage.length")).isEqualTo(0L);
        assertThat((String) browser.script("return sessionStorage.getItem('herald.session')")).contains("credentials");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(HeraldInstance.ADMIN_PASSWORD);
        browser.screenshot("02-notifications-endpoints").accessible("the endpoints");

        browser.signOut();
        assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
        browser.sees("You are signed out.");
        assertThat(browser.driver().findElement(By.id("nav")).isDisplayed()).isFalse();
    }

    @Test
    void aWebhookConfigurationIsAddedTestedEditedAndRemovedAsAnchoreNamesTheSteps() {
        String username = userOfNewAccount("read-write");
        browser.signIn(username, PASSWORD).show("#/notifications");
        browser.link("Webhook").click();
        browser.settled().sees("There are no Webhook configurations yet.");
        browser.button("Let's Add One!").sendKeys(Keys.ENTER);
        browser.control("URL *").sendKeys(Keys.ESCAPE);
        browser.until(d -> d.findElements(By.cssSelector("dialog[open]")).isEmpty());
        browser.button("Let's Add One!").sendKeys(Keys.ENTER);

        WebElement ok = browser.button("OK");
        assertThat(ok.isEnabled()).as("OK before the required URL is filled").isFalse();
        browser.fill("Description", "console hook").fill("URL *", peers.receiver.url("/console-hook"));
        assertThat(ok.isEnabled()).isTrue();
        browser.screenshot("03-add-new-configuration-modal").accessible("the Add New Configuration dialog");

        browser.button("Test Configuration").click();
        browser.until(d -> browser.driver().findElement(By.cssSelector("dialog .result")).getText().startsWith("Test Configuration: success"));
        assertThat(peers.receiver.requestsTo("/console-hook")).hasSize(1);

        browser.pick("Policy & Vulnerability Events");
        browser.button("OK").click();
        browser.settled().sees("console hook").sees("unknown");
        assertThat(browser.buttons("Add New Configuration")).hasSize(1);
        browser.screenshot("04-webhook-configurations").accessible("the configurations table");

        String uuid = apiOf(username).get("/v2/notifications/endpoints/webhook/configurations").json().get(0).get("uuid").asText();
        JsonNode selectors = apiOf(username).get("/v2/notifications/endpoints/webhook/configurations/" + uuid + "/selectors").json();
        assertThat(selectors.get(0).get("event").get("type").asText()).isEqualTo("user.checks.*");
        String eventId = scenario.post(apiOf(username), event("user.checks.tag.policy_evaluation.update", "info", "image_tag"));
        await().atMost(Duration.ofSeconds(20)).until(() -> peers.receiver.requestsTo("/console-hook").size() == 2);
        assertThat(peers.receiver.requestsTo("/console-hook").get(1).body()).contains(eventId);
        // fields the form does not show, set through the API, survive an edit in the console
        String configuration = "/v2/notifications/endpoints/webhook/configurations/" + uuid;
        assertThat(apiOf(username).put(configuration, Map.of("description", "console hook", "url",
                peers.receiver.url("/console-hook"), "rate_limit_per_second", 5, "mute",
                List.of(Map.of("start", "01:00", "end", "02:00", "timezone", "UTC")))).status()).isEqualTo(200);
        browser.show("#/notifications/webhook");

        browser.button("Edit").click();
        assertThat(browser.control("Description").getAttribute("value")).isEqualTo("console hook");
        browser.fill("Description", "console hook, renamed");
        browser.button("Add Selector").click();
        browser.pickIn("Selector 2", "Error Events");
        browser.button("Add Selector").click();
        browser.pickIn("Selector 3", "Add Custom Selector");
        browser.choose("Level", "info").fill("Type", "user.image.*").fill("Resource Type", "image_digest");
        browser.button("Remove Selector 1").click();
        browser.sees("Selector 2").doesNotSee("Selector 3");
        browser.button("OK").click();
        browser.settled().sees("console hook, renamed");
        JsonNode edited = apiOf(username).get(configuration).json();
        assertThat(edited.get("rate_limit_per_second").asInt()).isEqualTo(5);
        assertThat(edited.get("mute").get(0).get("start").asText()).isEqualTo("01:00");
        JsonNode several = apiOf(username).get("/v2/notifications/endpoints/webhook/configurations/" + uuid + "/selectors").json();
        assertThat(Json.elements(several)).extracting(one -> one.get("event").get("level").asText() + " "
                + one.get("event").get("type").asText() + " " + one.get("event").get("resource_type").asText())
                .containsExactlyInAnyOrder("error * *", "info user.image.* image_digest");
        browser.button("Edit").click();
        browser.sees("Selector 2");
        List<WebElement> shown = browser.driver().findElements(By.cssSelector("dialog[open] fieldset.selector"));
        assertThat(shown).hasSize(2);
        browser.script("arguments[0].scrollIntoView({block: 'center'})", shown.get(0));
        browser.screenshot("04b-configuration-with-several-selectors").accessible("the configuration dialog with two selectors");
        browser.button("Cancel").click();

        browser.button("Test").click();
        browser.until(d -> browser.status().contains("success"));
        browser.settled();
        browser.show("#/notifications/webhook").sees("healthy");

        browser.button("Remove").click();
        browser.button("No").click();
        browser.sees("console hook, renamed");
        browser.button("Remove").click();
        browser.button("Yes").click();
        browser.settled().sees("Let's Add One!").doesNotSee("console hook, renamed");
        assertThat(apiOf(username).get("/v2/notifications/endpoints/webhook/configurations").json()).isEmpty();
    }

    @Test
    void aWebhooksBodyTemplateAndHeadersArePreviewedInTheDialogWithoutSendingAnything() {
        String username = userOfNewAccount("read-write");
        browser.signIn(username, PASSWORD).show("#/notifications/webhook");
        browser.settled().button("Let's Add One!").sendKeys(Keys.ENTER);
        browser.fill("URL *", peers.receiver.url("/console-preview"))
                .fill("Body Template", "{\"text\": \"{{type}}: {{message}}\"}")
                .fill("Headers", "X-Team: security");
        browser.until(d -> new org.openqa.selenium.support.ui.Select(browser.control("Preview Event Type"))
                .getOptions().size() > 1);
        browser.choose("Preview Event Type", "user.checks.tag.policy_evaluation.update");

        browser.button("Preview").click();

        browser.until(d -> d.findElement(By.cssSelector("dialog pre.json")).getText().contains("X-Team: security"));
        assertThat(browser.driver().findElement(By.cssSelector("dialog pre.json")).getText()).endsWith(
                "{\"text\": \"user.checks.tag.policy_evaluation.update: Policy evaluation update detected for a tagged image\"}");
        browser.screenshot("05-webhook-preview").accessible("the webhook dialog with its preview");
        assertThat(peers.receiver.requestsTo("/console-preview")).isEmpty();

        browser.fill("Body Template", "{\"text\": {{message}}}").button("Preview").click();
        browser.until(d -> d.findElement(By.cssSelector("dialog .error")).getText().contains("body_template"));
    }

    @Test
    void aSlackTitleTemplateIsPreviewedInTheDialogWithoutSendingAnything() {
        String username = userOfNewAccount("read-write");
        browser.signIn(username, PASSWORD).show("#/notifications/slack");
        browser.settled().button("Let's Add One!").sendKeys(Keys.ENTER);
        browser.fill("Webhook URL *", peers.receiver.url("/console-slack-preview"))
                .fill("Title Template", "{{type_label}} on {{resource_id}}")
                .fill("Text Template", "*{{level_upper}}* {{message}}");

        browser.button("Preview").click();

        browser.until(d -> d.findElement(By.cssSelector("dialog pre.json")).getText()
                .contains("\"text\": \"Checks tag vulnerabilities update on docker.io/acme/api:1.4\""));
        assertThat(browser.driver().findElement(By.cssSelector("dialog pre.json")).getText())
                .contains("\"text\": \":large_blue_circle: *INFO* ");
        assertThat(peers.receiver.requestsTo("/console-slack-preview")).isEmpty();

        browser.fill("Title Template", "{{#policy}}").button("Preview").click();
        browser.until(d -> d.findElement(By.cssSelector("dialog .error")).getText().contains("title_template"));
    }

    @Test
    void aWebhookSigningSecretIsGeneratedAndShownOnceAfterSaving() {
        String username = userOfNewAccount("read-write");
        browser.signIn(username, PASSWORD).show("#/notifications/webhook");
        browser.settled().button("Let's Add One!").sendKeys(Keys.ENTER);
        browser.fill("URL *", peers.receiver.url("/console-signed"));
        browser.button("Generate").click();
        browser.button("OK").click();

        browser.until(d -> d.findElements(By.cssSelector("dialog pre.json")).stream()
                .anyMatch(shown -> shown.getText().startsWith("whsec_")));
        String shown = browser.driver().findElement(By.cssSelector("dialog pre.json")).getText();
        JsonNode saved = apiOf(username).get("/v2/notifications/endpoints/webhook/configurations").json().get(0);
        assertThat(saved.get("signing_secret").asText()).isEqualTo("********").isNotEqualTo(shown);
        browser.button("Close").click();
    }

    @Test
    void anEmailConfigurationIsTestedBeforeItIsSavedAndItsPasswordIsNeverShown() throws Exception {
        String username = userOfNewAccount("read-write");
        browser.signIn(username, PASSWORD).show("#/notifications/smtp");
        browser.button("Let's Add One!").click();
        browser.fill("SMTP Host *", "127.0.0.1")
                .fill("SMTP Port *", String.valueOf(peers.mail.getSmtp().getPort()))
                .fill("From *", "herald@acme.example")
                .fill("To *", "sec@acme.example")
                .fill("Username", EndpointPeers.SMTP_USER)
                .fill("Password", EndpointPeers.SMTP_PASSWORD)
                .fill("Description", "security mailbox");
        int before = peers.mail.getReceivedMessages().length;
        browser.button("Test Configuration").click();
        browser.until(d -> browser.driver().findElement(By.cssSelector("dialog .result")).getText().contains("success"));
        assertThat(peers.mail.getReceivedMessages()).hasSize(before + 1);

        browser.pick("Add Custom Selector");
        assertThat(browser.control("Scope").findElements(By.tagName("option"))).extracting(WebElement::getText)
                .as("global scope is for the admin account only").containsExactly("Account");
        browser.choose("Level", "error").fill("Type", "user.*").fill("Resource Type", "*");
        browser.button("OK").click();
        browser.settled().sees("security mailbox");
        assertThat(browser.pageText()).doesNotContain(EndpointPeers.SMTP_PASSWORD);

        browser.button("Edit").click();
        WebElement password = browser.control("Password");
        assertThat(password.getAttribute("value")).as("a saved secret is never put back in the form").isEmpty();
        assertThat(browser.control("Type").getAttribute("value")).isEqualTo("user.*");
        browser.button("Cancel").click();
    }

    @Test
    void aReadOnlyUserSeesTheConfigurationsButNoButtonThatChangesThem() {
        String writer = userOfNewAccount("read-write");
        String account = apiOf(writer).get("/v2/user").text("account_name");
        scenario.webhook(apiOf(writer), Map.of("url", peers.receiver.url("/read-only"), "description", "watched hook"),
                List.of(selector("account", "*", "*", "*")));
        String reader = user(account, "read-only");

        browser.signIn(reader, PASSWORD).show("#/notifications/webhook").sees("watched hook");
        for (String writing : List.of("Edit", "Test", "Remove", "Add New Configuration", "Let's Add One!")) {
            assertThat(browser.buttons(writing)).as(writing).isEmpty();
        }
        assertThat(browser.driver().findElements(By.cssSelector("input[role=switch]"))).isEmpty();
        browser.screenshot("05-read-only-configurations").accessible("the read-only configurations");
        browser.show("#/alerts");
        assertThat(browser.buttons("Add Alert")).isEmpty();
        assertThat(browser.driver().findElement(By.id("nav-admin")).isDisplayed()).isFalse();
        assertThat(browser.driver().findElement(By.id("account-switcher")).isDisplayed()).isFalse();
    }

    @Test
    void anAdminTogglesAnEndpointAndActsForAnotherAccount() {
        String other = scenario.newAccount().account();
        scenario.webhook(herald.api().actingAs(other), Map.of("url", peers.receiver.url("/other"), "description", "hook of " + other),
                List.of(selector("account", "*", "*", "*")));

        browser.signIn("admin", HeraldInstance.ADMIN_PASSWORD).show("#/notifications");
        WebElement slack = browser.control("Slack enabled");
        assertThat(slack.isSelected()).isTrue();
        slack.click();
        browser.until(d -> browser.status().contains("Slack disabled"));
        assertThat(herald.api().get("/v2/notifications/endpoints").json().findValues("enabled").get(1).asBoolean()).isFalse();
        browser.control("Slack enabled").click();
        browser.until(d -> browser.status().contains("Slack enabled"));

        browser.choose("Account", other);
        browser.settled().show("#/notifications/webhook").sees("hook of " + other);
        browser.screenshot("06-admin-acting-for-account").accessible("the admin acting for another account");
        browser.choose("Account", "admin");
        browser.settled().doesNotSee("hook of " + other);
    }
}
