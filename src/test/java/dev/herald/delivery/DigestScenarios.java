package dev.herald.delivery;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.AdjustableClock;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.EndpointPeers;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver.Reply;
import dev.herald.support.LoopbackReceiver.Request;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Digests on real deliveries, on a clock the test moves: 500 events matched in one window go to a
 * webhook, Slack and email as one message each carrying all 500 (counted), and every delivery shows
 * the digest it went out in; max_events closes a window early; a retry sends the same digest again
 * (same id, same events); quiet hours hold a digest until their end. On H2 and PostgreSQL.
 */
abstract class DigestScenarios {

    private static final String CONFIGURATIONS = "/v2/notifications/endpoints/%s/configurations";
    private static final AtomicInteger NAMES = new AtomicInteger();

    static AdjustableClock clock;
    static EndpointPeers peers;
    static HeraldInstance herald;
    static Scenario scenario;

    static void startOn(TestDatabase database) {
        clock = new AdjustableClock();
        peers = new EndpointPeers();
        herald = HeraldInstance.start(database, Map.of(), clock);
        scenario = new Scenario(herald);
    }

    @AfterAll
    static void stop() {
        if (herald != null) {
            herald.close();
        }
        if (peers != null) {
            peers.close();
        }
    }

    @Test
    void fiveHundredEventsInOneWindowReachAWebhookAsOneMessage() {
        ApiClient acme = scenario.newAccount();
        String path = "/digest-" + NAMES.incrementAndGet();
        configure(acme, "webhook", Map.of("url", peers.receiver.url(path)), 600, 1000);

        List<String> ids = scenario.postAll(acme, events(500));
        awaitWaiting(ids, 500);
        assertThat(peers.receiver.requestsTo(path)).as("nothing is sent while the window is open").isEmpty();

        clock.advance(Duration.ofSeconds(601));
        scenario.awaitSettled(ids);

        List<Request> requests = peers.receiver.requestsTo(path);
        assertThat(requests).hasSize(1);
        JsonNode events = requests.get(0).json().get("events");
        assertThat(events).hasSize(500);
        Set<String> sent = new HashSet<>();
        events.forEach(event -> sent.add(event.get("id").asText()));
        assertThat(sent).containsExactlyInAnyOrderElementsOf(ids);
        String digestId = requests.get(0).header("webhook-id");
        assertThat(digestIds(ids)).containsExactly(digestId);
        assertThat(deliveredCount(ids)).isEqualTo(500);
        // the history lists the deliveries the digest carried
        ApiResponse carried = acme.get("/v2/notifications/deliveries?digest_id=" + digestId + "&limit=10");
        assertThat(carried.status()).as(carried.toString()).isEqualTo(200);
        assertThat(carried.json().get("results")).hasSize(10)
                .allSatisfy(delivery -> assertThat(delivery.get("digest_id").asText()).isEqualTo(digestId));
    }

    @Test
    void fiveHundredEventsInOneWindowReachSlackAsOneMessageCountingThemAll() {
        ApiClient acme = scenario.newAccount();
        String tag = "dg" + NAMES.incrementAndGet();
        Map<String, Object> slack = peers.working("slack", tag);
        configure(acme, "slack", slack, 600, 1000);

        List<String> ids = scenario.postAll(acme, events(500));
        awaitWaiting(ids, 500);
        clock.advance(Duration.ofSeconds(601));
        scenario.awaitSettled(ids);

        String path = java.net.URI.create((String) slack.get("url")).getPath();
        List<Request> requests = peers.receiver.requestsTo(path);
        assertThat(requests).hasSize(1);
        JsonNode message = requests.get(0).json();
        JsonNode blocks = message.get("blocks");
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        assertThat(blocks.get(0).at("/text/text").asText()).isEqualTo("Digest: 500 events, errors among them");
        String summary = blocks.get(1).at("/text/text").asText();
        assertThat(summary).contains("*500 events*")
                .contains("Test random wisdom: *200* (error)")
                .contains("Image analysis completed: *300*");
        // the errors' type first, each type listing its first ten and counting the rest
        assertThat(blocks.get(2).at("/text/text").asText()).startsWith("*Test random wisdom* — 200 (error)")
                .endsWith("_…and 190 more_");
        assertThat(blocks.get(3).at("/text/text").asText()).startsWith("*Image analysis completed* — 300")
                .endsWith("_…and 290 more_");
        blocks.forEach(block -> assertThat(block.at("/text/text").asText().length()).isLessThanOrEqualTo(3000));
        assertThat(deliveredCount(ids)).isEqualTo(500);
    }

    @Test
    void fiveHundredEventsInOneWindowReachEmailAsOneMail() throws Exception {
        ApiClient acme = scenario.newAccount();
        String domain = "digest" + NAMES.incrementAndGet() + ".example";
        Map<String, Object> smtp = new LinkedHashMap<>(peers.working("smtp", "dg"));
        smtp.put("to", "sec@" + domain);
        configure(acme, "smtp", smtp, 600, 1000);

        List<String> ids = scenario.postAll(acme, events(500));
        awaitWaiting(ids, 500);
        clock.advance(Duration.ofSeconds(601));
        scenario.awaitSettled(ids);

        List<MimeMessage> mails = Arrays.asList(peers.mail.getReceivedMessagesForDomain(domain));
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo("[Herald] Digest: 500 events, errors among them");
        String digestId = digestIds(ids).iterator().next();
        assertThat(mails.get(0).getMessageID()).isEqualTo("<" + digestId + "@herald>");
        String raw = new String(mails.get(0).getRawInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(raw).contains("500 events").contains("Test random wisdom (system.test.random_wisdom): 200, error")
                .contains("Image analysis completed (user.image.analysis.completed): 300")
                .contains("...and 150 more").contains("...and 250 more");
        assertThat(deliveredCount(ids)).isEqualTo(500);
    }

    @Test
    void maxEventsClosesTheWindowEarly() {
        ApiClient acme = scenario.newAccount();
        String path = "/digest-max-" + NAMES.incrementAndGet();
        configure(acme, "webhook", Map.of("url", peers.receiver.url(path)), 3600, 100);

        List<String> ids = scenario.postAll(acme, events(250));
        // two full digests go out at once; the 50 left wait for their window
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> deliveredCount(ids) == 200);
        assertThat(peers.receiver.requestsTo(path)).extracting(request -> request.json().get("events").size())
                .containsExactly(100, 100);
        awaitWaiting(ids, 250);

        clock.advance(Duration.ofSeconds(3601));
        scenario.awaitSettled(ids);

        List<Request> requests = peers.receiver.requestsTo(path);
        assertThat(requests).extracting(request -> request.json().get("events").size()).containsExactly(100, 100, 50);
        assertThat(requests).extracting(request -> request.header("webhook-id")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(digestIds(ids));
        Set<String> sent = new HashSet<>();
        requests.forEach(request -> request.json().get("events").forEach(event -> sent.add(event.get("id").asText())));
        assertThat(sent).as("every event once").hasSize(250).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aRetrySendsTheSameDigestUnderTheSameId() {
        ApiClient acme = scenario.newAccount();
        String path = "/digest-retry-" + NAMES.incrementAndGet();
        peers.receiver.answerInTurn(path, Reply.status(503).withHeader("Retry-After", "120"), Reply.status(200));
        configure(acme, "webhook", Map.of("url", peers.receiver.url(path)), 60, 1000);

        List<String> ids = scenario.postAll(acme, events(30));
        awaitWaiting(ids, 30);
        clock.advance(Duration.ofSeconds(61));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> failedOnce(ids) == 30);
        clock.advance(Duration.ofSeconds(121));
        scenario.awaitSettled(ids);

        List<Request> requests = peers.receiver.requestsTo(path);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).header("webhook-id")).isEqualTo(requests.get(0).header("webhook-id"));
        assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
        assertThat(deliveredCount(ids)).isEqualTo(30);
    }

    @Test
    void aDigestDueInsideQuietHoursClosesAtTheirEnd() {
        ApiClient acme = scenario.newAccount();
        String path = "/digest-quiet-" + NAMES.incrementAndGet();
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Instant end = minute.plus(Duration.ofMinutes(20));
        Map<String, Object> window = Map.of("start", hoursMinutes(minute.plus(Duration.ofMinutes(2))),
                "end", hoursMinutes(end), "timezone", "UTC");
        configure(acme, "webhook", Map.of("url", peers.receiver.url(path), "mute", List.of(window)), 300, 1000);

        List<String> ids = scenario.postAll(acme, events(40));
        awaitWaiting(ids, 40);
        // the window closes five minutes on, inside the quiet hours
        clock.advance(Duration.ofSeconds(301));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> oldestDue(ids), due -> due != null && due.equals(end));
        assertThat(peers.receiver.requestsTo(path)).isEmpty();

        clock.advance(Duration.between(clock.instant(), end).plusSeconds(1));
        scenario.awaitSettled(ids);
        assertThat(peers.receiver.requestsTo(path)).hasSize(1);
        assertThat(peers.receiver.requestsTo(path).get(0).json().get("events")).hasSize(40);
    }

    @Test
    void theDigestIsAnsweredAndABadOneIsRefusedNamingTheField() {
        ApiClient acme = scenario.newAccount();
        String configurations = CONFIGURATIONS.formatted("webhook");
        ApiResponse created = acme.post(configurations, Map.of("url", peers.receiver.url("/shown"),
                "digest", Map.of("window_seconds", 300, "max_events", 50)));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(acme.get(configurations + "/" + created.text("uuid")).json().get("digest").toString())
                .isEqualTo("{\"window_seconds\":300,\"max_events\":50}");
        assertThat(acme.post(configurations, Map.of("url", peers.receiver.url("/plain"))).json().has("digest")).isFalse();

        ApiResponse refused = acme.post(configurations, Map.of("url", peers.receiver.url("/refused"),
                "digest", Map.of("window_seconds", 0, "max_events", 10_001)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.toString()).contains("digest.window_seconds").contains("digest.max_events");
        ApiResponse missing = acme.post(configurations, Map.of("url", peers.receiver.url("/refused"),
                "digest", Map.of("window_seconds", 1.5, "size", 3)));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.toString()).contains("digest.window_seconds").contains("digest.max_events")
                .contains("digest.size");
        ApiResponse notAnObject = acme.post(configurations, Map.of("url", peers.receiver.url("/refused"), "digest", 60));
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.toString()).contains("digest");
    }

    /** {@code n} events: three in five analyses (info), two in five errors. */
    static List<Map<String, Object>> events(int n) {
        List<Map<String, Object>> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> event = i % 5 < 3 ? event("user.image.analysis.completed", "info", "image_tag")
                    : event("system.test.random_wisdom", "error", "system");
            event.put("message", "event " + i);
            event.put("resource", Map.of("type", "image_tag", "id", "docker.io/acme/app-" + i + ":1.0"));
            events.add(event);
        }
        return events;
    }

    /** A configuration of the type with a digest and a selector matching every event of the account. */
    static void configure(ApiClient api, String type, Map<String, Object> fields, int windowSeconds, int maxEvents) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("digest", Map.of("window_seconds", windowSeconds, "max_events", maxEvents));
        String configurations = CONFIGURATIONS.formatted(type);
        ApiResponse created = api.post(configurations, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        ApiResponse selected = api.post(configurations + "/" + created.text("uuid") + "/selectors",
                selector("account", "*", "*", "*"));
        assertThat(selected.status()).as(selected.toString()).isEqualTo(200);
    }

    /** Waits until the events' deliveries are all made: {@code count} of them. */
    static void awaitWaiting(List<String> ids, int count) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> count(ids, "") == count);
    }

    static int deliveredCount(List<String> ids) {
        return count(ids, " AND d.state = 'delivered'");
    }

    private static int failedOnce(List<String> ids) {
        return count(ids, " AND d.state = 'pending' AND d.last_status_code = 503");
    }

    private static int count(List<String> ids, String condition) {
        return scenario.sql().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM deliveries d "
                        + "JOIN events e ON e.id = d.event_id WHERE e.event_id IN (<ids>)" + condition)
                .bindList("ids", ids).mapTo(Integer.class).one());
    }

    static Set<String> digestIds(List<String> ids) {
        return new HashSet<>(scenario.sql().withHandle(handle -> handle.createQuery("SELECT DISTINCT d.digest_id "
                        + "FROM deliveries d JOIN events e ON e.id = d.event_id WHERE e.event_id IN (<ids>)")
                .bindList("ids", ids).mapTo(String.class).list()));
    }

    private static Instant oldestDue(List<String> ids) {
        return scenario.sql().withHandle(handle -> handle.createQuery("SELECT MIN(d.next_attempt_at) FROM deliveries d "
                        + "JOIN events e ON e.id = d.event_id WHERE e.event_id IN (<ids>)")
                .bindList("ids", ids).mapTo(java.time.OffsetDateTime.class).findOne()
                .map(java.time.OffsetDateTime::toInstant).orElse(null));
    }

    private static String hoursMinutes(Instant instant) {
        return LocalTime.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
