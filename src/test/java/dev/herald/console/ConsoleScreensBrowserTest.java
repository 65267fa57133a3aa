package dev.herald.console;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.AlertChannels;
import dev.herald.support.AlertChannels.Channel;
import dev.herald.support.ApiClient;
import dev.herald.support.ConsoleBrowser;
import dev.herald.support.HeraldInstance;
import dev.herald.support.ScanningEvents;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's Deliveries, Events, Scanning Alerts and Admin screens in headless Chromium against
 * a real Herald and a loopback receiver; text planted in every field an API user controls is shown
 * as text and never runs; the screens at a phone's width.
 */
@EnabledIf(value = ConsoleBrowser.INSTALLED, disabledReason = ConsoleBrowser.MISSING)
class ConsoleScreensBrowserTest extends ConsoleBrowserTestBase {

    /** Sets window.__planted if it ever runs, as markup or as script. */
    private static final String IMG = "<img src=x onerror=\"window.__planted='img'\">";
    private static final String SCRIPT = "<script>window.__planted='script'</script>";

    @Test
    void aDeadDeliveryShowsItsAttemptsAndIsRetriedFromTheConsole() {
        ApiClient api = signedInToNewAccount();
        peers.receiver.answer("/refusing", 400);
        String refusing = scenario.webhook(api, Map.of("url", peers.receiver.url("/refusing"), "description", "refusing hook"),
                List.of(selector("account", "*", "*", "*")));
        String eventId = scenario.post(api, event("user.checks.tag.policy_evaluation.update", "info", "image_tag"));
        scenario.awaitDelivery(api, eventId, "dead");

        browser.show("#/deliveries").sees("1 dead").sees("0 delivered");
        browser.choose("State", "dead").button("Apply").click();
        browser.settled().sees(eventId);
        // the receiver's answer as it gave it, its status named once
        browser.sees("HTTP 400: refused by the test receiver").doesNotSee("400 HTTP 400");
        // a configuration in the history is named by its description and is a filter by it, no uuid to type
        assertThat(browser.link("refusing hook").getAttribute("title")).contains(refusing);
        browser.link("refusing hook").click();
        browser.settled().until(driver -> driver.getCurrentUrl().contains("configuration_uuid=" + refusing));
        assertThat(browser.control("Configuration").getAttribute("value")).isEqualTo(refusing);
        browser.sees(eventId);
        browser.button("Attempts").click();
        browser.sees("Attempts of delivery").sees("refused by the test receiver");
        browser.screenshot("07-deliveries-dead-with-attempts").accessible("the delivery history");

        peers.receiver.answer("/refusing", 200);
        browser.button("Retry").click();
        scenario.awaitDelivery(api, eventId, "delivered");
        assertThat(peers.receiver.requestsTo("/refusing")).hasSize(2);
        browser.show("#/deliveries").sees("1 delivered").sees("0 dead");
    }

    /**
     * A receiver answering 500 opens its configuration's circuit: the deliveries it holds, never
     * tried, say they wait for the receiver; those of a healthy configuration that wait for their
     * digest do not. An event id takes one line, shortened to its tail, whole in its title, and filters by it.
     */
    @Test
    void deliveriesHeldByAFailingReceiverSayWhyTheyWaitAndEventIdsTakeOneLine() {
        ApiClient api = signedInToNewAccount();
        peers.receiver.answer("/failing", 500);
        String failing = scenario.webhook(api, Map.of("url", peers.receiver.url("/failing"), "description", "failing hook"),
                List.of(selector("account", "*", "*", "*")));
        String gathering = scenario.webhook(api, Map.of("url", peers.receiver.url("/gathering"), "description", "digest hook",
                "digest", Map.of("window_seconds", 3600, "max_events", 500)), List.of(selector("account", "*", "*", "*")));
        String gatheringPath = "/v2/notifications/endpoints/webhook/configurations/" + gathering;
        assertThat(api.get(gatheringPath + "/test").text("status")).isEqualTo("success");
        List<String> eventIds = scenario.postAll(api, java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> event("user.checks.tag.policy_evaluation.update", "info", "image_tag")).toList());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() ->
                "unhealthy".equals(api.get("/v2/notifications/endpoints/webhook/configurations/" + failing + "/status").text("status"))
                        && neverTried(api, failing) > 0 && neverTried(api, gathering) == eventIds.size());
        assertThat(api.get(gatheringPath + "/status").text("status")).isEqualTo("healthy");

        browser.show("#/deliveries/state=pending").sees("Waiting for its receiver to recover");
        List<List<String>> rows = historyRows();
        List<String> held = rows.stream().filter(row -> row.get(2).equals("failing hook") && row.get(5).equals("0"))
                .map(row -> row.get(6)).toList();
        assertThat(held).as("the failing configuration's deliveries never tried").isNotEmpty()
                .allMatch(result -> result.startsWith("Waiting for its receiver to recover"));
        assertThat(rows.stream().filter(row -> row.get(2).equals("failing hook") && !row.get(5).equals("0")).map(row -> row.get(6)))
                .as("its deliveries tried, by their own result").allMatch(result -> result.startsWith("HTTP 500"));
        assertThat(rows.stream().filter(row -> row.get(2).equals("digest hook")).map(row -> row.get(6)))
                .as("the digest configuration's deliveries, waiting for their window").hasSize(eventIds.size())
                .allMatch(result -> result.startsWith("Next attempt "));
        browser.screenshot("07b-deliveries-held-by-a-failing-receiver").accessible("the held deliveries");

        // an event id in one line, its last characters shown, the whole of it in the title and on the page
        String eventId = eventIds.get(0);
        WebElement id = browser.driver().findElements(By.cssSelector("td a.short-id")).stream()
                .filter(link -> link.getAttribute("title").startsWith(eventId + ":")).findFirst().orElseThrow();
        Map<?, ?> shape = (Map<?, ?>) browser.script("const a = arguments[0], whole = document.createElement('span');"
                + " whole.style.whiteSpace = 'nowrap'; whole.textContent = a.textContent; a.parentNode.append(whole);"
                + " const wholeWidth = whole.getBoundingClientRect().width; whole.remove();"
                + " return {lines: a.getClientRects().length, height: a.getBoundingClientRect().height,"
                + " line: parseFloat(getComputedStyle(a).lineHeight), width: a.getBoundingClientRect().width, whole: wholeWidth}", id);
        assertThat(((Number) shape.get("lines")).intValue()).isEqualTo(1);
        assertThat(((Number) shape.get("height")).doubleValue()).as("height of the event id, in one line")
                .isLessThan(((Number) shape.get("line")).doubleValue() * 1.5);
        assertThat(((Number) shape.get("width")).doubleValue()).as("width of the event id, shortened to 9 of 32 characters")
                .isLessThan(((Number) shape.get("whole")).doubleValue() / 3);
        assertThat(browser.script("const range = document.createRange(); range.selectNodeContents(arguments[0]);"
                + " getSelection().removeAllRanges(); getSelection().addRange(range); return getSelection().toString()", id))
                .as("the id selected, as it is copied").isEqualTo(eventId);
        id.click();
        browser.settled().until(driver -> driver.getCurrentUrl().contains("event_id=" + eventId));
        assertThat(browser.control("Event").getAttribute("value")).isEqualTo(eventId);
        assertThat(historyRows()).as("the event's deliveries, one per configuration").hasSize(2)
                .allMatch(row -> Set.of("failing hook", "digest hook").contains(row.get(2)));
    }

    private static int neverTried(ApiClient api, String configuration) {
        JsonNode page = api.get("/v2/notifications/deliveries?state=pending&configuration_uuid=" + configuration).json();
        int count = 0;
        for (JsonNode delivery : page.get("results")) {
            count += delivery.get("attempts").asInt() == 0 ? 1 : 0;
        }
        return count;
    }

    /** The delivery history's rows as shown, each the text of its cells. */
    @SuppressWarnings("unchecked")
    private static List<List<String>> historyRows() {
        return (List<List<String>>) browser.script("return [...document.querySelectorAll('table tbody tr:not(.detail)')]"
                + ".map(row => [...row.cells].map(cell => cell.innerText.trim()))");
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
        Channel channel = new AlertChannels(scenario, peers.receiver).channel(api, "alert-channel");

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
        await().atMost(Duration.ofSeconds(20)).until(() -> new AlertChannels(scenario, peers.receiver).received(channel).contains(eventId));

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
    void theAdminCreatesAnAccountAndItsUserChangesItsRoleThenDeletesThem() {
        browser.signIn("admin", HeraldInstance.ADMIN_PASSWORD).show("#/admin");
        String name = "console-made-" + System.nanoTime();
        browser.fill("Account Name *", name).fill("Email", "sec@" + name + ".example").button("Add Account").click();
        browser.settled().link(name).click();
        browser.settled().sees("Users of " + name);
        browser.fill("Username *", name + "-ro").fill("Password *", "long-enough-pw").choose("Role", "read-only");
        browser.button("Add User").click();
        browser.settled().sees(name + "-ro");
        assertThat(herald.api().get("/v2/accounts/" + name + "/users").json().get(0).get("role").asText()).isEqualTo("read-only");

        browser.choose("Role of " + name + "-ro", "read-write");
        browser.until(d -> browser.status().contains(name + "-ro is now read-write"));
        assertThat(herald.api().get("/v2/accounts/" + name + "/users").json().get(0).get("role").asText()).isEqualTo("read-write");
        browser.settled();
        assertThat(new org.openqa.selenium.support.ui.Select(browser.control("Role of " + name + "-ro"))
                .getFirstSelectedOption().getText()).isEqualTo("read-write");
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
        scenario.webhook(api, Map.of("url", peers.receiver.url("/planted"), "description", planted), List.of());
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

    /**
     * The long lists a page at a time: 30 configurations (25 a page) and 60 deliveries (50 a page),
     * with the counts per state above. How fast each screen is with 1,000 configurations and 100,000
     * deliveries is measured by dev.herald.bench.ConsoleScreensBenchmark (see the README).
     */
    @Test
    void longListsArePagedAndTheCountsAreShownAboveTheHistory() {
        ApiClient api = signedInToNewAccount();
        String account = api.get("/v2/user").text("account_name");
        String first = scenario.webhook(api, Map.of("url", peers.receiver.url("/paged"), "description", "hook 0"), List.of());
        scenario.postAll(api, List.of(event("user.checks.tag.policy_evaluation.update", "info", "image_tag"),
                event("user.image.analysis.completed", "info", "image_digest")));
        scenario.sql().useTransaction(sql -> {
            // 29 copies of the first configuration, then one delivered delivery per event and configuration
            sql.createUpdate("INSERT INTO endpoint_configurations (uuid, account_name, endpoint_type, description, verify_tls, "
                            + "settings, status, created_at, last_updated) SELECT RANDOM_UUID(), account_name, endpoint_type, "
                            + "CASE WHEN x < 29 THEN 'hook ' || x END, verify_tls, settings, status, created_at, last_updated "
                            + "FROM endpoint_configurations, SYSTEM_RANGE(1, 29) WHERE uuid = :first")
                    .bind("first", first).execute();
            sql.createUpdate("INSERT INTO deliveries (uuid, event_id, configuration_uuid, endpoint_type, account_name, state, "
                            + "attempts, next_attempt_at, created_at, updated_at, delivered_at, event_level) SELECT RANDOM_UUID(), "
                            + "e.id, c.uuid, 'webhook', :account, 'delivered', 1, e.created_at, e.created_at, e.created_at, "
                            + "e.created_at, e.event_level "
                            + "FROM events e, endpoint_configurations c WHERE e.account_name = :account AND c.account_name = :account")
                    .bind("account", account).execute();
            // counted as Herald counts the deliveries it writes (CountChanges)
            sql.createUpdate("INSERT INTO delivery_counts (account_name, state, slot, n) SELECT account_name, state, 0, "
                            + "COUNT(*) FROM deliveries WHERE account_name = :account GROUP BY account_name, state")
                    .bind("account", account).execute();
        });

        browser.show("#/notifications/webhook").sees("Page 1 of 2");
        browser.button("Next").click();
        browser.sees("Page 2 of 2");
        assertThat(browser.driver().findElements(By.cssSelector("table tbody tr"))).hasSize(5);

        browser.show("#/deliveries").sees("60 delivered").sees("Page 1");
        assertThat(browser.driver().findElements(By.cssSelector("table tbody tr:not(.detail)"))).hasSize(50);
        browser.button("Next").click();
        browser.settled().sees("Page 2");
        assertThat(browser.driver().findElements(By.cssSelector("table tbody tr:not(.detail)"))).hasSize(10);
        assertThat(browser.button("Next").isEnabled()).isFalse();

        // a configuration without a description is named by its uuid, drawn shortened to its tail as
        // an event id is (the whole of it on the page and in the title)
        String unnamed = scenario.sql().withHandle(sql -> sql.createQuery("SELECT uuid FROM endpoint_configurations "
                + "WHERE account_name = :account AND description IS NULL").bind("account", account).mapTo(String.class).one());
        browser.show("#/deliveries/configuration_uuid=" + unnamed).settled();
        assertThat(historyRows()).hasSize(2).allMatch(row -> row.get(2).equals(unnamed));
        assertThat(browser.driver().findElements(By.cssSelector("td a.short-id")).stream()
                .filter(link -> link.getAttribute("title").startsWith(unnamed + ":"))).hasSize(2);
        browser.screenshot("07c-deliveries-of-a-configuration-without-description");
    }

    @Test
    void theScreensFitAPhone() {
        ApiClient api = signedInToNewAccount();
        scenario.webhook(api, Map.of("url", peers.receiver.url("/phone"), "description", "phone hook"),
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
