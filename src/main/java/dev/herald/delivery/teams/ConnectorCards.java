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

    /** Teams' red and blue, for the card's accent line. */
    static final String ERROR_COLOR = "D13438";
    static final String INFO_COLOR = "0078D4";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ConnectorCards() {
    }

    static ObjectNode card(TeamsCardContent content) {
        ObjectNode card = JSON.objectNode()
                .put("@type", "MessageCard")
                .put("@context", "https://schema.org/extensions")
                .put("summary", content.title())
                .put("themeColor", content.error() ? ERROR_COLOR : INFO_COLOR)
                .put("title", content.title());
        ObjectNode section = card.putArray("sections").addObject();
        if (!content.message().isEmpty()) {
            section.put("activityTitle", content.message());
        }
        ArrayNode facts = section.putArray("facts");
        Stream.concat(content.facts().stream(), content.digestFacts().stream())
                .forEach(fact -> facts.addObject().put("name", fact.title()).put("value", fact.value()));
        if (!content.digest().isEmpty()) {
            section.put("text", content.digest());
        }
        if (content.link() != null) {
            card.putArray("potentialAction").addObject()
                    .put("@type", "OpenUri")
                    .put("name", content.linkTitle())
                    .putArray("targets").addObject()
                    .put("os", "default")
                    .put("uri", content.link());
        }
        return card;
    }
}
