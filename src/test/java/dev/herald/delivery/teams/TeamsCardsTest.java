package dev.herald.delivery.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.delivery.http.HttpTarget;
import dev.herald.delivery.http.ReceiverTimeouts;
import dev.herald.delivery.message.Changes;
import dev.herald.delivery.message.ChangesReader;
import dev.herald.delivery.message.Notification;
import dev.herald.delivery.message.NotificationFactory;
import dev.herald.delivery.message.Templates;
import dev.herald.event.EventLevel;
import dev.herald.support.AdaptiveCardChecker;
import dev.herald.support.Golden;
import dev.herald.support.SampleEvents.CatalogueType;
import dev.herald.support.SampleEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The payload of each kind of Teams webhook, built from a notification without any network. */
class TeamsCardsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORKFLOWS_URL =
            "https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=secret";
    private static final String CONNECTOR_URL = "https://acme.webhook.office.com/webhookb2/abc@def/IncomingWebhook/ghi/jkl";
    private static final String LINK = "https://ui.example/events/5d1c3e0e9f2a4b6c8d0e1f2a3b4c5d6e";

    private final TeamsCards cards = new TeamsCards(new NotificationFactory(null, delivery -> List.of()), new Templates(null),
            new HttpTarget(new ReceiverTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1))));

    /** The sample event of a catalogue type as the notification of one delivery. */
    private static Notification sample(String type, String link) {
        CatalogueType known = SampleEvents.catalogue().stream().filter(t -> t.type().equals(type)).findFirst().orElseThrow();
        Map<String, Object> event = SampleEvents.of(known);
        Changes changes = ChangesReader.read(JSON.valueToTree(event.get("details"))).orElse(null);
        return notification(known.type(), EventLevel.parse(known.level()).orElseThrow(), known.message(), known.resourceType(),
                JSON.valueToTree(event.get("resource")).get("id").asText(null), changes, link);
    }

    private static Notification notification(String type, EventLevel level, String message, String resourceType,
            String resourceId, Changes changes, String link) {
        return new Notification("5d1c3e0e9f2a4b6c8d0e1f2a3b4c5d6e", "0b7e2a52-4c1d-4d8e-9f3a-6b5c4d3e2f10", type, level,
                message, "acme", resourceType, resourceId, "scanner", "ci-7", Instant.parse(SampleEvents.TIMESTAMP),
                changes, link, List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"user.checks.tag.policy_evaluation.update", "user.checks.tag.vulnerabilities.update",
            "system.feeds.sync.failed", "user.runtime.image.unscanned"})
    void aLegacyConnectorGetsAMessageCard(String type) throws Exception {
        JsonNode card = cards.payload(sample(type, LINK), CONNECTOR_URL);

        Golden.assertJson("teams-legacy/" + type + ".json", card.toString(), Map.of("\u200B", "zero-width space"));
        assertThat(card.get("@type").asText()).isEqualTo("MessageCard");
        assertThat(card.at("/potentialAction/0/targets/0/uri").asText()).isEqualTo(LINK);
    }

    @Test
    void aWorkflowsWebhookGetsAnAdaptiveCardInAMessage() {
        JsonNode message = cards.payload(sample("user.checks.tag.policy_evaluation.update", LINK), WORKFLOWS_URL);

        assertThat(message.get("type").asText()).isEqualTo("message");
        assertThat(message.get("attachments")).hasSize(1);
        JsonNode attachment = message.at("/attachments/0");
        assertThat(attachment.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.get("contentUrl").isNull()).isTrue();
        AdaptiveCardChecker.assertValid(attachment.get("content"));
        assertThat(attachment.at("/content/actions/0/type").asText()).isEqualTo("Action.OpenUrl");
        assertThat(attachment.at("/content/actions/0/url").asText()).isEqualTo(LINK);
    }

    @Test
    void withoutALinkThereIsNoButtonInEitherCard() {
        Notification notification = sample("user.checks.tag.vulnerabilities.update", null);

        JsonNode card = cards.payload(notification, WORKFLOWS_URL).at("/attachments/0/content");
        AdaptiveCardChecker.assertValid(card);
        assertThat(card.has("actions")).isFalse();
        assertThat(card.findValues("type")).extracting(JsonNode::asText).doesNotContain("Action.OpenUrl", "ActionSet");
        assertThat(cards.payload(notification, CONNECTOR_URL).has("potentialAction")).isFalse();
    }

    @Test
    void errorsAreTitledInTheAttentionColourAndInfosPlainly() {
        JsonNode error = cards.payload(sample("system.feeds.sync.failed", null), WORKFLOWS_URL);
        JsonNode info = cards.payload(sample("system.feeds.sync.completed", null), WORKFLOWS_URL);

        assertThat(error.at("/attachments/0/content/body/0/color").asText()).isEqualTo("Attention");
        assertThat(info.at("/attachments/0/content/body/0").has("color")).isFalse();
        assertThat(cards.payload(sample("system.feeds.sync.failed", null), CONNECTOR_URL).get("themeColor").asText())
                .isEqualTo(ConnectorCards.ERROR_COLOR);
    }

    @Test
    void factsWithoutAValueAreLeftOut() {
        Notification notification = new Notification("e1", "d1", "system.feeds.sync.started", EventLevel.INFO, "Feeds sync started",
                "acme", null, null, null, null, Instant.parse(SampleEvents.TIMESTAMP), null, null, List.of());

        JsonNode facts = cards.payload(notification, WORKFLOWS_URL).at("/attachments/0/content/body/2/facts");
        assertThat(facts.findValuesAsText("title")).containsExactly("Level", "Type", "Account", "Time", "Event id", "Delivery id");
    }

    @Test
    void aLongDigestIsCutWithAnEllipsis() {
        Notification notification = notification("user.image.analysis.failed", EventLevel.ERROR, "Image analysis failed",
                "image_tag", "docker.io/acme/api:1.4", new Changes.Note("x".repeat(10_000)), null);

        JsonNode card = cards.payload(notification, WORKFLOWS_URL).at("/attachments/0/content");
        AdaptiveCardChecker.assertValid(card);
        List<String> texts = card.findValuesAsText("text");
        assertThat(texts).allSatisfy(text -> assertThat(text.length()).isLessThanOrEqualTo(TeamsCardContent.TEXT_LIMIT));
        assertThat(texts).anySatisfy(text -> assertThat(text).startsWith("xxx").endsWith("…"));
    }

    @Test
    void hostileTextIsPlainInBothCards() {
        String hostile = "[click](https://evil.example) **bold** <at>everyone</at>";
        Notification notification = notification("user.image.analysis.failed", EventLevel.ERROR, hostile, "image_tag",
                hostile, new Changes.Note(hostile), null);

        for (String url : List.of(WORKFLOWS_URL, CONNECTOR_URL)) {
            String payload = cards.payload(notification, url).toString();
            assertThat(payload).doesNotContain("](", "**", "<at>", "</at>", "https://evil");
            assertThat(payload.replace("\u200B", "")).contains("[click](https://evil.example) ∗∗bold∗∗ <at>everyone</at>");
        }
    }
}
