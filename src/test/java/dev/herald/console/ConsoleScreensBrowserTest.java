package dev.herald.console;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.AlertChannels;
import dev.herald.support.AlertChannels.Channel;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.ApiTestBase;
import dev.herald.support.ConsoleBrowser;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.ScanningEvents;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;

/**
 * The console's Deliveries, Events, Scanning Alerts and Admin screens in headless Chromium against
 * a real Herald and a loopback receiver; text planted in every field an API user controls is shown
 * as text and never runs; the screens at a phone's width.
 */
@EnabledIf(value = ConsoleBrowser.INSTALLED, disabledReason = ConsoleBrowser.MISSING)
class ConsoleScreensBrowserTest extends ApiTestBase {

    private static final String PASSWORD = "console-pass-1234";
    /** Sets window.__planted if it ever runs, as markup or as script. */
    private static final String IMG = "<img src=x onerror=\"window.__planted='img'\">";
    private static final String SCRIPT = "<script>window.__planted='script'</script>";

    private static ConsoleBrowser browser;
    private static LoopbackReceiver receiver;

    @BeforeAll
    static void openBrowser() {
        receiver = new LoopbackReceiver();
        browser = ConsoleBrowser.open(herald.baseUrl());
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    /** A new account and a read-write user of it, signed in in the browser; returns an API client of that user. */
    private static ApiClient signedInToNewAccount() {
        String account = scenario.newAccount().account();
        String username = account + "-writer";
        ApiResponse created = herald.api().post("/v2/accounts/" + account + "/users",
                Map.of("username", username, "password", PASSWORD, "role", "read-write"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        browser.signIn(username, PASSWORD);
        return herald.api().withCredentials(username, PASSWORD);
    }

    @Test
    void aDeadDeliveryShowsItsAttemptsAndIsRetriedFromTheConsole() {
        ApiClient api = signedInToNewAccount();
        receiver.answer("/refusing", 400);
        scenario.webhook(api, Map.of("url", receiver.url("/refusing"), "description", "refusing hook"),
                List.of(selector("account", "*", "*", "*")));
        String eventId = scenario.post(api, event("user.checks.tag.policy_evaluation.update", "info", "image_tag"));
        scenario.awaitDelivery(api, eventId, "dead");

        browser.show("#/deliveries").sees("1 dead").sees("0 delivered");
        browser.choose("State", "dead").button("Apply").click();
        browser.settled().sees(eventId);
        browser.button("Attempts").click();
        browser.until(d -> browser.pageText().contains("400"));
        browser.screenshot("07-deliveries-dead-with-attempts").accessible("the delivery history");

        receiver.answer("/refusing", 200);
        browser.button("Retry").click();
        scenario.awaitDelivery(api, eventId, "delivered");
        assertThat(receiver.requestsTo("/refusing")).hasSize(2);
        browser.show("#/deliveries").sees("1 delivered").sees("0 dead");
    }

    @Test
    void eventsAreFilteredAndOneIsShownAsJsonBesideTheCatalogue() {
        ApiClient api = signedInToNewAccount();
        String info = scenario.post(api, event("user.checks.tag.policy_evaluation.update", "info", "image_tag"));
        String error = scenario.post(api, event("user.image.analysis.failed", "error", "image_digest"));

        browser.show("#/events").sees("user.checks.tag.policy_evaluation.update").sees("user.image.analysis.failed");
        browser.choose("Level", "error").button("Apply").click();
        browser.settled().doesNotSee("user.checks.tag.policy_evaluation.update");
        browser.button("View event " + error).click();
        browser.until(d -> d.findElement(By.cssSelector("pre.json")).getText().contains("\"event_id\": \"" + error + "\""));
        browser.accessible("the events");
        browser.driver().findElement(By.cssSelector("details.catalogue summary")).click();
        browser.sees("user.checks.tag.vulnerabilities.update");
        browser.screenshot("08-events-json-and-catalogue");
        assertThat(info).isNotEqualTo(error);
    }

    @Test
    void aRuntimeAlertIsAddedInSysdigsStepsSendsToItsChannelAndIsDuplicatedAndDeleted() {
        ApiClient api = signedInToNewAccount();
        Channel channel = new AlertChannels(scenario, receiver).channel(api, "alert-channel");

        browser.show("#/alerts").sees("There are no alerts yet.");
        browser.button("Add Alert").click();
        browser.screenshot("09-add-alert-choose-type");
        browser.button("Runtime").click();
        browser.settled().sees("Add Runtime Alert");
        browser.fill("Name *", "prod unscanned").fill("Description", "images running unscanned in prod");
        browser.pick("Everywhere");
        browser.button("Add Channel").click();
        browser.sees("Webhook: test webhook");
        browser.screenshot("10-runtime-alert-form").accessible("the alert form");
        browser.button("Save").click();
        browser.settled().sees("prod unscanned").sees("Everywhere");

        String eventId = scenario.post(api, ScanningEvents.unscanned("docker.io", "acme/api", "1.4",
                Map.of("kubernetes.namespace.name", "prod")));
        await().atMost(Duration.ofSeconds(20)).until(() -> new AlertChannels(scenario, receiver).received(channel).contains(eventId));

        browser.fill("Search alerts by name", "nothing like it").button("Search").click();
        browser.settled().sees("No alert has that name.");
        browser.fill("Search alerts by name", "prod").button("Search").click();
        browser.settled().sees("prod unscanned");

        browser.button("More for prod unscanned").click();
        browser.button("Duplicate Alert").click();
        browser.button("Yes").click();
        browser.settled().sees("Copy of prod unscanned");
        browser.screenshot("11-alerts-list").accessible("the alerts list");

        browser.control("Copy of prod unscanned enabled").click();
        browser.until(d -> browser.status().contains("disabled"));
        JsonNode alerts = api.get("/api/scanning/v1/alerts").json().get("alerts");
        assertThat(alerts.get(1).get("enabled").asBoolean()).isFalse();

        browser.button("More for Copy of prod unscanned").click();
        browser.button("Delete Alert").click();
        browser.button("Yes").click();
        browser.settled().doesNotSee("Copy of prod unscanned");
        assertThat(api.get("/api/scanning/v1/alerts").json().get("alerts")).hasSize(1);

        browser.link("prod unscanned").click();
        browser.settled().sees("Edit Alert");
        assertThat(browser.control("Name *").getAttribute("value")).isEqualTo("prod unscanned");
    }

    @Test
    void aRepositoryAlertWithAWildcardRepoOffersOnlyNewImageAnalyzed() {
        signedInToNewAccount();
        browser.show("#/alerts/new/repository").sees("A * in Registry or Repo allows only the New Image Analyzed trigger.");
        browser.fill("Registry", "docker.io").fill("Repo", "acme/*").fill("Tag", "*");
        assertThat(browser.control("Scan Result Change").isEnabled()).isFalse();
        assertThat(browser.control("CVE Update").isEnabled()).isFalse();
        browser.fill("Name *", "every acme image").button("Save").click();
        browser.settled().sees("every acme image").sees("docker.io/acme/*:*");
    }

    @Test
    void theAdminCreatesAnAccountAndItsUserThenDeletesThem() {
        browser.signIn("admin", HeraldInstance.ADMIN_PASSWORD).show("#/admin");
        String name = "console-made-" + System.nanoTime();
        browser.fill("Account Name *", name).fill("Email", "sec@" + name + ".example").button("Add Account").click();
        browser.settled().link(name).click();
        browser.settled().sees("Users of " + name);
        browser.fill("Username *", name + "-ro").fill("Password *", "long-enough-pw").choose("Role", "read-only");
        browser.button("Add User").click();
        browser.settled().sees(name + "-ro");
        assertThat(herald.api().get("/v2/accounts/" + name + "/users").json().get(0).get("role").asText()).isEqualTo("read-only");
        browser.screenshot("12-admin-accounts-and-users").accessible("the admin screen");

        browser.button("Delete user " + name + "-ro").click();
        browser.button("Yes").click();
        browser.settled().doesNotSee(name + "-ro");
        assertThat(herald.api().get("/v2/accounts/" + name + "/users").json()).isEmpty();

        browser.button("Delete account " + name).click();
        browser.button("Yes").click();
        browser.settled().doesNotSee(name);
        assertThat(herald.api().get("/v2/accounts/" + name).status()).isEqualTo(404);
    }

    @Test
    void textPlantedInConfigurationsEventsAndAlertsIsShownAsTextAndNeverRuns() {
        ApiClient api = signedInToNewAccount();
        String planted = IMG + SCRIPT;
        scenario.webhook(api, Map.of("url", receiver.url("/planted"), "description", planted), List.of());
        Map<String, Object> event = new LinkedHashMap<>(event("user.checks.tag.policy_evaluation.update", "info", "image_tag"));
        event.put("message", planted);
        event.put("resource", Map.of("type", "image_tag", "id", planted));
        event.put("source", Map.of("service_name", IMG, "host_id", SCRIPT));
        event.put("details", Map.of("note", planted));
        String eventId = scenario.post(api, event);
        scenario.alert(api, Map.of("name", IMG, "description", SCRIPT, "type", "runtime"));

        for (String screen : List.of("#/notifications/webhook", "#/events", "#/alerts", "#/deliveries")) {
            browser.show(screen);
            assertNothingRan(screen);
        }
        browser.show("#/events").button("View event " + eventId).click();
        browser.until(d -> d.findElement(By.cssSelector("pre.json")).getText().contains("onerror"));
        assertNothingRan("the event's JSON");
        browser.show("#/alerts").sees(IMG);
        browser.screenshot("13-planted-markup-shown-as-text");
        browser.link(IMG).click();
        browser.settled();
        assertThat(browser.control("Name *").getAttribute("value")).isEqualTo(IMG);
        assertNothingRan("the alert form");
        browser.show("#/notifications/webhook").sees(planted);
        browser.button("Edit").click();
        assertThat(browser.control("Description").getAttribute("value")).isEqualTo(planted);
        assertNothingRan("the configuration dialog");
        browser.button("Cancel").click();
    }

    private static void assertNothingRan(String where) {
        browser.settled();
        assertThat(browser.script("return window.__planted")).as("planted script ran on " + where).isNull();
        assertThat(browser.driver().findElements(By.cssSelector("img"))).as("planted images on " + where).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("script"))).as("scripts on " + where).hasSize(1);
    }

    @Test
    void theScreensFitAPhone() {
        ApiClient api = signedInToNewAccount();
        scenario.webhook(api, Map.of("url", receiver.url("/phone"), "description", "phone hook"),
                List.of(selector("account", "*", "*", "*")));
        try {
            browser.resize(390, 844);
            for (String screen : List.of("#/notifications/webhook", "#/deliveries", "#/events", "#/alerts")) {
                browser.show(screen);
                assertThat((Long) browser.script("return document.documentElement.scrollWidth"))
                        .as("width of " + screen + " at 390 px").isLessThanOrEqualTo(390L);
            }
            browser.show("#/notifications/webhook").sees("phone hook").screenshot("14-phone-configurations");
        } finally {
            browser.resize(1280, 800);
        }
    }
}
