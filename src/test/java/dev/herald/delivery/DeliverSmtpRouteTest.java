package dev.herald.delivery;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.Golden;
import dev.herald.support.HeraldInstance;
import dev.herald.support.SampleEvents;
import dev.herald.support.SampleEvents.CatalogueType;
import dev.herald.support.Scenario;
import dev.herald.support.SilentServer;
import dev.herald.support.TestDatabase;
import jakarta.mail.Header;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * deliver-smtp through camel-mail, against GreenMail on a port chosen by the system. One attempt per
 * delivery: retries are {@link DispatchDeliveriesRouteTest}'s.
 */
class DeliverSmtpRouteTest {

    /** What a mail from Herald may carry; anything else leaked from the exchange. */
    private static final Set<String> MAIL_HEADERS = Set.of("Return-Path", "Received", "Date", "From", "To",
            "Message-ID", "Subject", "MIME-Version", "Content-Type", "X-Herald-Event-Id");

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("herald@acme.example", "herald", "mail-secret"));

    @TempDir
    static Path folder;

    static HeraldInstance herald;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        herald = HeraldInstance.start(TestDatabase.h2(folder), Map.of("herald.ui-url", "https://ui.example/events/{event_id}",
                "herald.delivery.max-attempts", "1"));
        scenario = new Scenario(herald);
    }

    @AfterAll
    static void stop() {
        herald.close();
    }

    private static Map<String, Object> smtp(String to, Object... overrides) {
        Map<String, Object> configuration = new LinkedHashMap<>(Map.of("host", "127.0.0.1",
                "port", mail.getSmtp().getPort(), "from", "herald@acme.example", "to", to,
                "username", "herald", "password", "mail-secret", "use_tls", false));
        for (int i = 0; i < overrides.length; i += 2) {
            configuration.put((String) overrides[i], overrides[i + 1]);
        }
        return configuration;
    }

    private static String configure(ApiClient account, Map<String, Object> configuration) {
        ApiResponse created = account.post("/v2/notifications/endpoints/smtp/configurations", configuration);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String uuid = created.text("uuid");
        account.post("/v2/notifications/endpoints/smtp/configurations/" + uuid + "/selectors", selector("account", "*", "*", "*"));
        return uuid;
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(mail.getReceivedMessagesForDomain(address)).toList();
    }

    static Stream<CatalogueType> catalogue() {
        return SampleEvents.catalogue().stream();
    }

    @ParameterizedTest
    @MethodSource("catalogue")
    void everyEventTypeArrivesAsHtmlWithAPlainTextAlternative(CatalogueType type) throws Exception {
        ApiClient acme = scenario.newAccount();
        String to = "team-" + System.nanoTime() + "@acme.example";
        configure(acme, smtp(to));

        String eventId = scenario.post(acme, SampleEvents.of(type));
        scenario.awaitSettled(eventId);

        MimeMessage received = await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(to), list -> list.size() == 1).get(0);
        String deliveryId = scenario.deliveriesOf(acme, eventId).get(0).get("uuid").asText();
        assertThat(received.getMessageID()).isEqualTo("<" + deliveryId + "@herald>");
        assertThat(received.getHeader("X-Herald-Event-Id", null)).isEqualTo(eventId);
        assertThat(received.getFrom()[0].toString()).isEqualTo("herald@acme.example");
        assertThat(headerNames(received)).as("no exchange header leaks into the mail").isSubsetOf(MAIL_HEADERS);

        Multipart alternative = (Multipart) received.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
        String rendered = "Subject: " + received.getSubject() + "\n\n" + alternative.getBodyPart(0).getContent()
                + "\n\n----- text/html -----\n" + alternative.getBodyPart(1).getContent() + "\n";
        Golden.assertText("smtp/" + type.type() + ".txt", rendered.replace("\r\n", "\n"),
                Map.of(eventId, "event_id", deliveryId, "delivery_id", acme.account(), "account"));
    }

    @Test
    void aCommaListOfRecipientsReachesEveryOne() throws Exception {
        ApiClient acme = scenario.newAccount();
        String first = "first-" + System.nanoTime() + "@acme.example";
        String second = "second-" + System.nanoTime() + "@acme.example";
        configure(acme, smtp(first + ", " + second));

        scenario.awaitSettled(scenario.post(acme, event("system.feeds.sync.failed", "error", "feeds")));

        // GreenMail stores one copy per recipient's mailbox: two copies of one mail to both addresses
        List<MimeMessage> copies = mailsTo(first);
        assertThat(copies).hasSize(2);
        for (MimeMessage copy : copies) {
            assertThat(Arrays.stream(copy.getAllRecipients()).map(Object::toString)).containsExactlyInAnyOrder(first, second);
        }
    }

    @Test
    void aWrongPasswordFailsAndTheTestRoutesSaySo() {
        ApiClient acme = scenario.newAccount();
        String to = "refused-" + System.nanoTime() + "@acme.example";
        String uuid = configure(acme, smtp(to, "password", "wrong"));

        String eventId = scenario.post(acme, event("system.feeds.sync.failed", "error", "feeds"));
        scenario.awaitSettled(eventId);

        assertThat(scenario.deliveriesOf(acme, eventId)).singleElement().satisfies(d -> {
            assertThat(d.get("state").asText()).isEqualTo("dead");
            assertThat(d.get("last_error").asText()).as("a refused login is not retried").doesNotStartWith("gave up")
                    .contains("Authentication").doesNotContain("wrong");
        });
        ApiResponse saved = acme.get("/v2/notifications/endpoints/smtp/configurations/" + uuid + "/test");
        assertThat(saved.text("status")).isEqualTo("failure");
        assertThat(acme.get("/v2/notifications/endpoints/smtp/configurations/" + uuid + "/status").text("status"))
                .isEqualTo("unhealthy");

        String good = "test-" + System.nanoTime() + "@acme.example";
        ApiResponse unsaved = acme.post("/v2/notifications/endpoints/smtp/test", smtp(good));
        assertThat(unsaved.status()).as(unsaved.toString()).isEqualTo(200);
        assertThat(unsaved.text("status")).isEqualTo("success");
        assertThat(unsaved.text("response")).isEqualTo("accepted with status 250");
        assertThat(mailsTo(good)).singleElement().satisfies(m -> assertThat(m.getSubject()).contains("Unsolicited random wisdom"));
    }

    @Test
    void aServerThatNeverAnswersIsBoundByTheConfigurationsTimeout() {
        ApiClient acme = scenario.newAccount();
        try (SilentServer silent = new SilentServer()) {
            // no greeting ever: reading it waits for timeout_seconds, not the 30 s default
            configure(acme, smtp("silent@acme.example", "port", silent.port(), "timeout_seconds", 1));
            long start = System.nanoTime();

            String eventId = scenario.post(acme, event("system.feeds.sync.failed", "error", "feeds"));
            scenario.awaitSettled(eventId);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(silent.connections()).isPositive();
            assertThat(scenario.deliveriesOf(acme, eventId)).singleElement().satisfies(d -> {
                assertThat(d.get("state").asText()).isEqualTo("dead");
                assertThat(d.get("last_error").asText()).as("retryable, but no attempt is left")
                        .startsWith("gave up after 1 attempt: ").containsIgnoringCase("timed out");
            });
        }
    }

    @Test
    void useTlsRequiresStartTlsAndNeverFallsBackToPlainText() {
        ApiClient acme = scenario.newAccount();
        String to = "tls-" + System.nanoTime() + "@acme.example";
        configure(acme, smtp(to, "use_tls", true, "verify_tls", false));

        String eventId = scenario.post(acme, event("system.feeds.sync.failed", "error", "feeds"));
        scenario.awaitSettled(eventId);

        // GreenMail's plain SMTP offers no STARTTLS: the mail must not go out unencrypted
        assertThat(mailsTo(to)).isEmpty();
        assertThat(scenario.deliveriesOf(acme, eventId)).singleElement().satisfies(d -> {
            assertThat(d.get("state").asText()).isEqualTo("dead");
            assertThat(d.get("last_error").asText()).doesNotStartWith("gave up").containsIgnoringCase("STARTTLS");
        });
    }

    @Test
    void aLineBreakInTheEventCannotAddMailHeaders() throws Exception {
        ApiClient acme = scenario.newAccount();
        String to = "inject-" + System.nanoTime() + "@acme.example";
        configure(acme, smtp(to));
        Map<String, Object> hostile = event("user.image.analysis.failed", "error", "image_tag");
        hostile.put("message", "Analysis failed\r\nBcc: evil@elsewhere.example\r\nX-Injected: yes");

        scenario.awaitSettled(scenario.post(acme, hostile));

        MimeMessage received = await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(to), list -> list.size() == 1).get(0);
        assertThat(received.getHeader("Bcc")).isNull();
        assertThat(received.getHeader("X-Injected")).isNull();
        assertThat(mail.getReceivedMessagesForDomain("elsewhere.example")).isEmpty();
    }

    private static List<String> headerNames(MimeMessage message) throws Exception {
        List<String> names = new ArrayList<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            names.add(header.getName());
        }
        return names;
    }
}
