package dev.herald.delivery.teams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;

/**
 * The MessageCard a legacy Office 365 connector webhook takes (it does not render Adaptive Cards):
 * the same content as the Workflows card, in one section, with an OpenUri action for the link.
 */
final class ConnectorCards {

    /** Teams' red, green and blue, for the card's accent line. */
    static final String ERROR_COLOR = "D13438";
    static final String RESOLVED_COLOR = "107C10";
    static final String INFO_COLOR = "0078D4";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ConnectorCards() {
    }

    static ObjectNode card(TeamsCardContent content) {
        ObjectNode card = JSON.objectNode()
                .put("@type", "MessageCard")
                .put("@context", "https://schema.org/extensions")
                .put("summary", content.title())
                .put("themeColor", switch (content.tone()) {
                    case FAILURE -> ERROR_COLOR;
                    case RESOLVED -> RESOLVED_COLOR;
                    case INFO -> INFO_COLOR;
                })
                .put("title", content.title());
        ObjectNode section = card.putArray("sections").addObject();
        if (!content.message().isEmpty()) {
            section.put("activityTitle", content.message());
        }
        ArrayNode facts = section.putArray("facts");
        Stream.concat(content.facts().stream(), content.changesFacts().stream())
                .forEach(fact -> facts.addObject().put("name", fact.title()).put("value", fact.value()));
        if (!content.changes().isEmpty()) {
            section.put("text", content.changes());
        }
        if (!content.links().isEmpty()) {
            ArrayNode actions = card.putArray("potentialAction");
            content.links().forEach(link -> actions.addObject()
                    .put("@type", "OpenUri")
                    .put("name", link.title())
                    .putArray("targets").addObject()
                    .put("os", "default")
                    .put("uri", link.url()));
        }
        return card;
    }
}
