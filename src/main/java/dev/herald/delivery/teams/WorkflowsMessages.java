package dev.herald.delivery.teams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The message a Teams Workflows webhook takes: one Adaptive Card as an attachment. The card keeps
 * to schema 1.4 (what Teams renders everywhere, phones included) and to its standard elements;
 * Teams' own {@code msteams} extensions are left out, so any Adaptive Card host can show it.
 */
final class WorkflowsMessages {

    static final String CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
    static final String CARD_VERSION = "1.4";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private WorkflowsMessages() {
    }

    static ObjectNode message(TeamsCardContent content) {
        ObjectNode message = JSON.objectNode().put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject()
                .put("contentType", "application/vnd.microsoft.card.adaptive")
                .putNull("contentUrl");
        attachment.set("content", card(content));
        return message;
    }

    /** Title (red when failing, green when resolved), message, facts, then the changes summary (its lines, then its details), and link buttons. */
    static ObjectNode card(TeamsCardContent content) {
        ObjectNode card = JSON.objectNode()
                .put("$schema", CARD_SCHEMA)
                .put("type", "AdaptiveCard")
                .put("version", CARD_VERSION);
        ArrayNode body = card.putArray("body");
        ObjectNode title = textBlock(body, content.title()).put("size", "Medium").put("weight", "Bolder");
        switch (content.tone()) {
            case FAILURE -> title.put("color", "Attention");
            case RESOLVED -> title.put("color", "Good");
            case INFO -> { }
        }
        if (!content.message().isEmpty()) {
            textBlock(body, content.message());
        }
        factSet(body, content.facts());
        if (!content.changes().isEmpty()) {
            textBlock(body, content.changes()).put("separator", true);
        }
        if (!content.changesFacts().isEmpty()) {
            factSet(body, content.changesFacts());
        }
        if (!content.links().isEmpty()) {
            ArrayNode actions = card.putArray("actions");
            content.links().forEach(link -> actions.addObject()
                    .put("type", "Action.OpenUrl")
                    .put("title", link.title())
                    .put("url", link.url()));
        }
        return card;
    }

    private static ObjectNode textBlock(ArrayNode body, String text) {
        return body.addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
    }

    private static void factSet(ArrayNode body, List<TeamsCardContent.Fact> facts) {
        ArrayNode list = body.addObject().put("type", "FactSet").putArray("facts");
        facts.forEach(fact -> list.addObject().put("title", fact.title()).put("value", fact.value()));
    }
}
