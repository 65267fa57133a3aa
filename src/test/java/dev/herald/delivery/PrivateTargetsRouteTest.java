package dev.herald.delivery;

import static dev.herald.support.ApiAssertions.assertBadRequest;
import static dev.herald.support.Json.elements;
import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.FakeGithub;
import dev.herald.support.FakeJira;
import dev.herald.support.HeraldInstance;
import dev.herald.support.Json;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.LoopbackReceiver.Request;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import dev.herald.endpoint.PrivateAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code herald.http.allow-private-targets=false}: every HTTP channel refuses a receiver whose name
 * resolves to a private address when it connects, so the receiver gets nothing and the delivery
 * fails with the reason; a URL whose host is private as written (a private IP literal, or a name
 * private by definition: localhost, *.local…) is refused when it is saved or tested. The receivers
 * are real servers on loopback, named in URLs by this machine's own name, which resolves to a private
 * address without being private by definition. (With the default, true, the same receivers get
 * their deliveries: the Deliver*RouteTest classes.)
 */
class PrivateTargetsRouteTest {

    private static final String REASON = "is a private address and herald.http.allow-private-targets is false";

    /** This machine's name: it resolves to a private address but is not private by definition, so only connecting can tell. */
    private static final String MACHINE = machineName();

    @TempDir
    static Path folder;

    static LoopbackReceiver receiver;
    static FakeGithub github;
    static FakeJira jira;
    static HeraldInstance herald;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        assumeTrue(MACHINE != null, "this machine's name resolves to no private address, or is private by definition");
        receiver = new LoopbackReceiver();
        github = new FakeGithub();
        jira = new FakeJira();
        herald = HeraldInstance.start(TestDatabase.h2(folder), Map.of("herald.http.allow-private-targets", "false"));
        scenario = new Scenario(herald);
    }

    @AfterAll
    static void stop() {
        if (herald == null) {
            return;
        }
        herald.close();
        receiver.close();
        github.close();
        jira.close();
    }

    /** One HTTP channel: its type, a configuration of it aimed at a receiver by this machine's name, and what that receiver got. */
    record Channel(String type, Map<String, Object> configuration, Supplier<List<Request>> received) {
        @Override
        public String toString() {
            return type;
        }
    }

    static Stream<Channel> channels() {
        String webhook = "/webhook-" + System.nanoTime();
        String teams = "/workflows/w-" + System.nanoTime() + "/triggers/manual/paths/invoke";
        String slack = "/services/T000/B000/" + System.nanoTime();
        return Stream.of(
                new Channel("webhook", Map.of("url", byHostName(receiver.url(webhook))), () -> receiver.requestsTo(webhook)),
                new Channel("teams", Map.of("url", byHostName(receiver.url(teams))), () -> receiver.requestsTo(teams)),
                new Channel("slack", Map.of("url", byHostName(receiver.url(slack))), () -> receiver.requestsTo(slack)),
                new Channel("github", Map.of("url", byHostName(github.url()), "username", "herald-bot",
                        "access_token", FakeGithub.TOKEN, "owner", "acme", "repository", "findings"), github::requests),
                new Channel("jira", Map.of("url", byHostName(jira.url()), "username", FakeJira.USERNAME,
                        "password", FakeJira.PASSWORD, "project_key", "SEC", "issue_type", "Bug"), jira::requests));
    }

    private static String byHostName(String url) {
        return url.replace("://127.0.0.1:", "://" + MACHINE + ":").replace("://localhost:", "://" + MACHINE + ":");
    }

    private static String machineName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            boolean resolvesPrivate = Arrays.stream(InetAddress.getAllByName(name)).anyMatch(PrivateAddresses::isPrivate);
            return resolvesPrivate && !PrivateAddresses.isPrivateName(name) ? name : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("channels")
    void aDeliveryToAPrivateAddressFailsWithTheReasonAndTheReceiverGetsNothing(Channel channel) {
        ApiClient account = scenario.newAccount();
        configure(account, channel.type(), channel.configuration());

        String eventId = scenario.post(account, event("user.image.analysis.failed", "error", "image_tag"));
        scenario.awaitSettled(eventId);

        assertThat(scenario.deliveriesOf(account, eventId)).singleElement().satisfies(delivery -> {
            assertThat(delivery.get("state").asText()).isEqualTo("dead");
            assertThat(delivery.get("last_status_code").isNull()).isTrue();
            assertThat(delivery.get("last_error").asText()).contains("target " + MACHINE + " (").contains(REASON);
        });
        assertThat(channel.received().get()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("channels")
    void theTestRoutesAnswerFailureWithTheReason(Channel channel) {
        ApiClient account = scenario.newAccount();
        String configurations = "/v2/notifications/endpoints/" + channel.type() + "/configurations";

        ApiResponse unsaved = account.post("/v2/notifications/endpoints/" + channel.type() + "/test", channel.configuration());
        String uuid = configure(account, channel.type(), channel.configuration());
        ApiResponse saved = account.get(configurations + "/" + uuid + "/test");

        for (ApiResponse answer : List.of(unsaved, saved)) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.text("status")).isEqualTo("failure");
            assertThat(answer.text("response")).contains("target " + MACHINE + " (").contains(REASON);
        }
        assertThat(account.get(configurations + "/" + uuid + "/status").text("status")).isEqualTo("unhealthy");
        assertThat(channel.received().get()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "http://127.0.0.1:9/hook",
            "http://127.1/hook",
            "http://2130706433/hook",
            "http://[::1]:9/hook",
            "http://[::ffff:127.0.0.1]/hook",
            "https://10.1.2.3/hook",
            "https://172.16.0.1/hook",
            "https://192.168.1.1/hook",
            "http://169.254.169.254/latest/meta-data/",
            "http://100.64.0.1/hook",
            "http://0.0.0.0:9/hook",
            "https://[fd00::1]/hook",
            "http://localhost:9/hook",
            "http://LOCALHOST./hook",
            "http://LocalHost../hook",
            "http://api.localhost/hook",
            "http://localhost.localdomain/hook",
            "http://[fe80::1%25lo]/hook",
            "http://[fe80::1%25eth0]:8080/hook",
            "http://printer.local/hook",
            "http://nas.home.arpa/hook",
            "http://db.internal/hook"})
    void aWebhookUrlNamingAPrivateAddressIsRefusedWhenSavedOrTested(String url) {
        ApiClient account = scenario.newAccount();
        String configurations = "/v2/notifications/endpoints/webhook/configurations";
        String uuid = configure(account, "webhook", Map.of("url", "https://hooks.example.com/in"));
        JsonNode before = account.get(configurations + "/" + uuid).json();

        assertBadRequest(account.post(configurations, Map.of("url", url)), "url");
        assertBadRequest(account.put(configurations + "/" + uuid, Map.of("url", url)), "url");
        assertBadRequest(account.post("/v2/notifications/endpoints/webhook/test", Map.of("url", url)), "url");

        assertThat(elements(account.get(configurations).json())).containsExactly(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("channels")
    void everyChannelRefusesAUrlNamingAPrivateAddress(Channel channel) {
        ApiClient account = scenario.newAccount();
        Map<String, Object> literal = new LinkedHashMap<>(channel.configuration());
        literal.put("url", ((String) literal.get("url")).replace("://" + MACHINE + ":", "://127.0.0.1:"));

        ApiResponse refused = account.post("/v2/notifications/endpoints/" + channel.type() + "/configurations", literal);
        assertBadRequest(refused, "url");
        assertThat(refused.text("message")).contains("127.0.0.1");
        assertBadRequest(account.post("/v2/notifications/endpoints/" + channel.type() + "/test", literal), "url");
        assertThat(channel.received().get()).isEmpty();
    }

    @Test
    void aPublicAddressIsAccepted() {
        ApiClient account = scenario.newAccount();
        ApiResponse created = account.post("/v2/notifications/endpoints/webhook/configurations",
                Map.of("url", "https://8.8.8.8/hook"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
    }

    /**
     * A URL stored before the setting was turned off (written to the database here) is still
     * refused: the check is made when Herald connects, not only when a configuration is saved.
     */
    @Test
    void aPrivateAddressStoredEarlierIsRefusedWhenTheDeliveryConnects() {
        ApiClient account = scenario.newAccount();
        String path = "/stored-" + System.nanoTime();
        String uuid = configure(account, "webhook", Map.of("url", "https://hooks.example.com/in"));
        scenario.sql().useHandle(handle -> {
            handle.createUpdate("UPDATE endpoint_configurations SET settings = :settings WHERE uuid = :uuid")
                    .bind("settings", Json.write(Map.of("url", receiver.url(path))))
                    .bind("uuid", uuid)
                    .execute();
            handle.execute("UPDATE configuration_version SET version = version + 1");
        });

        String eventId = scenario.post(account, event("user.image.analysis.failed", "error", "image_tag"));
        scenario.awaitSettled(eventId);

        assertThat(scenario.deliveriesOf(account, eventId)).singleElement().satisfies(delivery -> {
            assertThat(delivery.get("state").asText()).isEqualTo("dead");
            assertThat(delivery.get("last_error").asText()).contains("target 127.0.0.1 " + REASON);
        });
        assertThat(receiver.requestsTo(path)).isEmpty();
    }

    /** Saves the configuration with a selector of every event of the account; returns its uuid. */
    private static String configure(ApiClient account, String type, Map<String, Object> configuration) {
        String configurations = "/v2/notifications/endpoints/" + type + "/configurations";
        ApiResponse created = account.post(configurations, configuration);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String uuid = created.text("uuid");
        ApiResponse selected = account.post(configurations + "/" + uuid + "/selectors", selector("account", "*", "*", "*"));
        assertThat(selected.status()).as(selected.toString()).isEqualTo(200);
        return uuid;
    }
}
