package dev.herald;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.CapturedLog;
import dev.herald.support.EndpointPeers;
import dev.herald.support.FakeGithub;
import dev.herald.support.FakeJira;
import dev.herald.support.HeraldInstance;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full run with a configuration of every endpoint type, working and failing ones, against real
 * loopback peers: deliveries, test sends, updates, validation errors and every API read. Then
 * everything Herald produced — each API answer (headers and body), everything logged with the root
 * logger at DEBUG from before the start (as an operator debugging Herald would have it; only the
 * loggers Herald's log4j2.properties pins stay quiet), every row of the deliveries table (and the other tables) —
 * is searched for every secret used: passwords, tokens, Slack and Teams URLs, the Basic
 * credentials sent, the herald.secret-key and the admin password.
 *
 * <p>Every secret of the run carries the marker {@code s3cr3t}, so a secret that leaked only in part
 * (cut short in an excerpt, its URL's token alone) is found too; the fake GitHub and Jira accept only
 * their own credentials, which are searched for by value, as are the Basic values. A webhook's URL is
 * no stored secret (the API shows it, as Anchore's does), so only the webhook configurations' own
 * answers and rows may hold it; a delivery record or a log line may not.
 */
class SecretLeakScanTest {

    private static final String MARKER = "s3cr3t";
    private static final String SECRET_KEY = "c2VjcmV0LWxlYWstc2Nhbi1rZXktMzItYnl0ZXMhISE=";

    @TempDir
    Path folder;

    private final List<String> answers = new ArrayList<>();
    /** Answers that show webhook configurations, which may show their URLs. */
    private final List<String> webhookViews = new ArrayList<>();
    /** Secrets without the marker, searched for by value. */
    private final Set<String> unmarked = new LinkedHashSet<>();
    private final Set<String> webhookUrls = new LinkedHashSet<>();
    private final Map<String, String> configurations = new LinkedHashMap<>();

    @Test
    void noSecretShowsInAnyAnswerLogLineOrRecordOfAFullRun() {
        String log;
        Map<String, String> tables = new LinkedHashMap<>();
        try (EndpointPeers peers = new EndpointPeers(); CapturedLog captured = CapturedLog.withRootAtDebug()) {
            // two quick attempts: the failing deliveries are retried once, and their history is searched too
            try (HeraldInstance herald = HeraldInstance.start(TestDatabase.h2(folder), Map.of("herald.secret-key", SECRET_KEY,
                    "herald.delivery.max-attempts", "2", "herald.delivery.backoff-base", "0.05",
                    "herald.delivery.backoff-cap", "0.1"))) {
                run(herald, peers);
                Jdbi sql = herald.database().jdbi();
                for (String table : List.of("deliveries", "delivery_attempts", "endpoint_configurations", "events",
                        "finding_issues", "secret_key_check", "selectors")) {
                    List<String> rows = sql.withHandle(handle -> handle.createQuery("SELECT * FROM " + table)
                            .mapToMap().map(Object::toString).list());
                    tables.put(table, String.join("\n", rows));
                }
                assertDeliveriesBothWorkedAndFailed(sql);
            }
            assertThat(peers.echo.requests()).as("the echo peer got credentials to send back")
                    .anySatisfy(request -> assertThat(request.header("Authorization")).startsWith("Basic "))
                    .anySatisfy(request -> assertThat(request.header("Authorization")).startsWith("Bearer "));
            log = captured.text();
            assertThat(log).as("Herald's, Camel's and the libraries' debug log was captured (the root logger at DEBUG)")
                    .contains("dev.herald.delivery.dispatch.DeliveryDispatcher Claimed", "org.apache.camel.component.http", "DEBUG io.netty.");
        }
        unmarked.addAll(List.of(SECRET_KEY, FakeGithub.TOKEN, FakeJira.PASSWORD, basic(FakeJira.USERNAME, FakeJira.PASSWORD),
                HeraldInstance.ADMIN_PASSWORD, basic("admin", HeraldInstance.ADMIN_PASSWORD)));

        // soft: a failure lists every place that leaked, not only the first
        SoftAssertions.assertSoftly(softly -> {
            assertNoSecretIn(softly, "the log", log);
            answers.forEach(answer -> assertNoSecretIn(softly, "an API answer", answer));
            webhookViews.forEach(view -> assertNoSecretIn(softly, "a webhook configuration's answer", withoutWebhookUrls(view)));
            assertNoSecretIn(softly, "the deliveries table", tables.remove("deliveries"));
            assertNoSecretIn(softly, "the endpoint_configurations table",
                    withoutWebhookUrls(tables.remove("endpoint_configurations")));
            tables.forEach((table, rows) -> assertNoSecretIn(softly, "the " + table + " table", rows));
        });
    }

    private void run(HeraldInstance herald, EndpointPeers peers) {
        Scenario scenario = new Scenario(herald);
        ApiClient api = scenario.newAccount();
        String down = "http://127.0.0.1:" + closedPort();

        for (String type : EndpointPeers.TYPES) {
            configure(api, type, "working " + type, peers.working(type, "ok"));
        }
        configure(api, "webhook", "echo 401", webhook(peers.echoUrl(401, "/hooks/whk-s3cr3t-path-e401?token=s3cr3t-query-e401"),
                "s3cr3t-webhook-pass-e401"));
        configure(api, "webhook", "echo 500", webhook(peers.echoUrl(500, "/hooks/whk-s3cr3t-path-e500?token=s3cr3t-query-e500"),
                "s3cr3t-webhook-pass-e500"));
        // Standard Webhooks signing secrets: whsec_ and base64, the marker inside it
        Map<String, Object> signed = webhook(peers.echoUrl(500, "/hooks/whk-s3cr3t-path-signed"), null);
        signed.put("signing_secret", "whsec_s3cr3tSigningKeyOfEcho500RetriedAAAAAAAA");
        String signedUuid = configure(api, "webhook", "echo 500 signed", signed);
        configure(api, "webhook", "unreachable", webhook(down + "/hooks/whk-s3cr3t-path-down?token=s3cr3t-query-down",
                "s3cr3t-webhook-pass-down"));
        configure(api, "slack", "echo 500", Map.of("url", peers.echoUrl(500, "/services/T0E500/B0E500/s3cr3tSlackTokenE500")));
        configure(api, "slack", "unreachable", Map.of("url", down + "/services/T0DOWN/B0DOWN/s3cr3tSlackTokenDown"));
        configure(api, "teams", "echo 500", Map.of("url", peers.echoUrl(500,
                "/workflows/s3cr3t-teams-flow-e500/triggers/manual/paths/invoke?sig=s3cr3tTeamsSigE500")));
        configure(api, "teams", "unreachable", Map.of("url", down
                + "/workflows/s3cr3t-teams-flow-down/triggers/manual/paths/invoke?sig=s3cr3tTeamsSigDown"));
        configure(api, "github", "echo 401", github(peers.echoUrl(401, "/api"), "ghp_s3cr3tGithubTokenE401"));
        configure(api, "github", "revoked token", github(peers.github.url(), "ghp_s3cr3tRevokedGithubToken"));
        configure(api, "jira", "echo 500", jira(peers.echoUrl(500, "/jira"), "s3cr3t-jira-pass-e500"));
        configure(api, "jira", "unreachable", jira(down + "/jira", "s3cr3t-jira-pass-down"));
        Map<String, Object> wrongPassword = new LinkedHashMap<>(peers.working("smtp", "wrong"));
        wrongPassword.put("password", "s3cr3t-smtp-wrong-pass");
        configure(api, "smtp", "wrong password", wrongPassword);
        Map<String, Object> smtpDown = new LinkedHashMap<>(peers.working("smtp", "down"));
        smtpDown.put("port", Integer.parseInt(down.substring(down.lastIndexOf(':') + 1)));
        smtpDown.put("password", "s3cr3t-smtp-pass-down");
        configure(api, "smtp", "unreachable", smtpDown);

        List<String> eventIds = scenario.postAll(api, List.of(
                event("user.checks.tag.policy_evaluation.update", "info", "image_tag"),
                event("user.image.analysis.failed", "error", "image_tag")));
        scenario.awaitSettled(eventIds);

        configurations.forEach((uuid, type) -> {
            String configuration = configurations(type) + "/" + uuid;
            record(api.get(configuration + "/test"));
            // an update that omits the secret, and one that sends the mask back: both keep it
            ApiResponse shown = record(api.get(configuration), type);
            Map<String, Object> omitted = fields(shown.json());
            omitted.remove(EndpointPeers.secretField(type));
            omitted.put("description", "updated without its secret");
            record(api.put(configuration, omitted), type);
            record(api.put(configuration, fields(shown.json())), type);
        });
        // a rotation: the replaced signing secret is kept, and signs beside the new one
        signed.put("signing_secret", "whsec_s3cr3tRotatedSigningKeyOfEcho500AAAAAAAA");
        String signedConfiguration = configurations("webhook") + "/" + signedUuid;
        record(api.put(signedConfiguration, signed), "webhook");
        record(api.get(signedConfiguration + "/test"));
        testUnsaved(api, peers, down);
        invalidInput(api);
        readEverything(api, eventIds);
    }

    /** The test route with configurations that are not saved: each channel's failures, secrets of their own. */
    private void testUnsaved(ApiClient api, EndpointPeers peers, String down) {
        record(api.post("/v2/notifications/endpoints/webhook/test",
                webhook(peers.echoUrl(401, "/hooks/whk-s3cr3t-path-unsaved?token=s3cr3t-query-unsaved"), "s3cr3t-unsaved-pass")));
        record(api.post("/v2/notifications/endpoints/slack/test",
                Map.of("url", peers.echoUrl(500, "/services/T0U/B0U/s3cr3tUnsavedSlackToken"))));
        record(api.post("/v2/notifications/endpoints/teams/test",
                Map.of("url", down + "/workflows/x/triggers/manual/paths/invoke?sig=s3cr3tUnsavedTeamsSig")));
        record(api.post("/v2/notifications/endpoints/github/test", github(peers.echoUrl(500, "/api"), "ghp_s3cr3tUnsavedToken")));
        record(api.post("/v2/notifications/endpoints/jira/test", jira(peers.echoUrl(401, "/jira"), "s3cr3t-unsaved-jira-pass")));
        Map<String, Object> smtp = new LinkedHashMap<>(peers.working("smtp", "unsaved"));
        smtp.put("password", "s3cr3t-unsaved-smtp-pass");
        record(api.post("/v2/notifications/endpoints/smtp/test", smtp));
        unmarked.add(basic(EndpointPeers.WEBHOOK_USER, "s3cr3t-unsaved-pass"));
        unmarked.add(basic("bot@acme.io", "s3cr3t-unsaved-jira-pass"));
    }

    /** Requests that are refused: none of the answers may repeat the secret they were sent. */
    private void invalidInput(ApiClient api) {
        record(api.post(configurations("webhook"), webhook("htp://hooks.example/whk-s3cr3t-bad-scheme", "s3cr3t-rejected-pass")));
        record(api.post(configurations("webhook"), webhook("https://user:s3cr3t-in-userinfo@hooks.example/x", null)));
        record(api.post(configurations("webhook"), webhook("https://hooks.example/{{env:HOME}}/s3cr3t-placeholder", null)));
        record(api.post(configurations("webhook"), Map.of("url", "https://hooks.example/x",
                "signing_secret", "whsec_s3cr3t-is-not-base64!")));
        record(api.post(configurations("slack"), Map.of("url", "not a URL s3cr3t-not-a-url")));
        record(api.post(configurations("teams"), Map.of("url", "https://teams.example/s3cr3t path with spaces")));
        record(api.post(configurations("github"), Map.of("access_token", "ghp_s3cr3tWithoutTheRest", "owner", "bad owner!")));
        record(api.post(configurations("jira"), Map.of("url", "https://jira.example", "password", "s3cr3t-" + "x".repeat(1100))));
        record(api.post(configurations("smtp"), Map.of("host", "mail.example", "port", 70000, "password", "s3cr3t-bad-port")));
        record(api.send("POST", configurations("webhook"), "{\"url\": \"https://h.example/x\", \"password\": \"s3cr3t-broken-json",
                "application/json"));
        record(api.send("POST", configurations("slack"), "{\"url\": s3cr3t-unquoted}", "application/json"));
        String first = configurations.keySet().iterator().next();
        record(api.put(configurations(configurations.get(first)) + "/" + first, Map.of("password", 42, "to", "s3cr3t-not-an-address")));
    }

    private void readEverything(ApiClient api, List<String> eventIds) {
        record(api.get("/v2/notifications/endpoints"));
        record(api.get("/v2/notifications/selectors"));
        for (String type : EndpointPeers.TYPES) {
            record(api.get(configurations(type)), type);
        }
        configurations.forEach((uuid, type) -> {
            record(api.get(configurations(type) + "/" + uuid), type);
            record(api.get(configurations(type) + "/" + uuid + "/status"));
            record(api.get(configurations(type) + "/" + uuid + "/selectors"));
        });
        ApiResponse deliveries = record(api.get("/v2/notifications/deliveries?limit=100"));
        deliveries.json().get("results").forEach(delivery ->
                record(api.get("/v2/notifications/deliveries/" + delivery.get("uuid").asText())));
        for (String state : List.of("dead", "delivered")) {
            record(api.get("/v2/notifications/deliveries?state=" + state));
        }
        record(api.get("/v2/events"));
        eventIds.forEach(eventId -> record(api.get("/v2/events/" + eventId)));
    }

    private void assertDeliveriesBothWorkedAndFailed(Jdbi sql) {
        List<String> states = sql.withHandle(handle -> handle.createQuery("SELECT state FROM deliveries").mapTo(String.class).list());
        assertThat(states).as("two events to every configuration").hasSize(2 * configurations.size());
        assertThat(states.stream().filter("delivered"::equals)).as("the working configurations delivered")
                .hasSize(2 * EndpointPeers.TYPES.size());
        assertThat(states.stream().filter("dead"::equals)).as("the failing ones are dead")
                .hasSize(2 * (configurations.size() - EndpointPeers.TYPES.size()));
    }

    // ---------------------------------------------------------------- the search

    /** Fails with the lines that hold a secret, the whole of them, so a failure shows what leaked where. */
    private void assertNoSecretIn(SoftAssertions softly, String where, String text) {
        softly.assertThat(text.lines().filter(this::holdsASecret).limit(20).toList())
                .as("lines of " + where + " that hold a secret").isEmpty();
    }

    private boolean holdsASecret(String line) {
        return line.toLowerCase(Locale.ROOT).contains(MARKER) || unmarked.stream().anyMatch(line::contains);
    }

    private String withoutWebhookUrls(String text) {
        String without = text;
        for (String url : webhookUrls) {
            without = without.replace(url, "<webhook url>");
        }
        return without;
    }

    // ---------------------------------------------------------------- steps and bodies

    private String configure(ApiClient api, String type, String description, Map<String, Object> settings) {
        Map<String, Object> body = new LinkedHashMap<>(settings);
        body.put("description", description);
        ApiResponse created = record(api.post(configurations(type), body), type);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String uuid = created.text("uuid");
        configurations.put(uuid, type);
        record(api.post(configurations(type) + "/" + uuid + "/selectors", selector("account", "*", "*", "*")));
        if (type.equals("webhook")) {
            webhookUrls.add((String) settings.get("url"));
            if (settings.get("password") != null) {
                unmarked.add(basic(EndpointPeers.WEBHOOK_USER, (String) settings.get("password")));
            }
        }
        if (type.equals("jira")) {
            unmarked.add(basic((String) settings.get("username"), (String) settings.get("password")));
        }
        return uuid;
    }

    private ApiResponse record(ApiResponse response) {
        answers.add(describe(response));
        return response;
    }

    /** A webhook configuration's own answer may show its URL; every other answer is searched whole. */
    private ApiResponse record(ApiResponse response, String type) {
        if (type.equals("webhook") && response.status() == 200) {
            webhookViews.add(describe(response));
            return response;
        }
        return record(response);
    }

    private static String describe(ApiResponse response) {
        return response.status() + " " + response.headers() + "\n" + response.body();
    }

    private static Map<String, Object> webhook(String url, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        if (password != null) {
            body.put("username", EndpointPeers.WEBHOOK_USER);
            body.put("password", password);
        }
        return body;
    }

    private static Map<String, Object> github(String url, String token) {
        return Map.of("url", url, "username", "herald-bot", "access_token", token, "owner", "acme", "repository", "leaks");
    }

    private static Map<String, Object> jira(String url, String password) {
        return Map.of("url", url, "username", "bot@acme.io", "password", password, "project_key", "SEC", "issue_type", "Bug");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(JsonNode configuration) {
        Map<String, Object> fields = new LinkedHashMap<>(new com.fasterxml.jackson.databind.ObjectMapper()
                .convertValue(configuration, Map.class));
        List.of("uuid", "created_at", "last_updated").forEach(fields::remove);
        return fields;
    }

    private static String configurations(String type) {
        return "/v2/notifications/endpoints/" + type + "/configurations";
    }

    private static String basic(String username, String password) {
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A port nothing listens on: bound by the system, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
