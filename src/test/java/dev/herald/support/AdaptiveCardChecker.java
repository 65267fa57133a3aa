package dev.herald.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a card is an Adaptive Card that a 1.4 host renders: version at most 1.4, only element
 * and action types of schema 1.4, their required properties, and no unknown properties on the card,
 * TextBlock, FactSet, Fact and Action.OpenUrl (where hosts drop or refuse what they do not know).
 * Written from the 1.4 schema's definitions; it is not a full JSON-schema validator.
 */
public final class AdaptiveCardChecker {

    private static final BigDecimal MAX_VERSION = new BigDecimal("1.4");

    private static final Set<String> ELEMENTS = Set.of("TextBlock", "Image", "Media", "RichTextBlock", "ActionSet",
            "Container", "ColumnSet", "FactSet", "ImageSet", "Input.Text", "Input.Number", "Input.Date", "Input.Time",
            "Input.Toggle", "Input.ChoiceSet");
    private static final Set<String> ACTIONS = Set.of("Action.OpenUrl", "Action.Submit", "Action.ShowCard",
            "Action.ToggleVisibility", "Action.Execute");

    private static final Set<String> CARD_PROPERTIES = Set.of("$schema", "type", "version", "refresh", "body",
            "actions", "selectAction", "fallbackText", "backgroundImage", "minHeight", "speak", "lang",
            "verticalContentAlignment");
    /** What every element of 1.4 may carry besides its own properties. */
    private static final Set<String> ELEMENT_PROPERTIES = Set.of("type", "id", "isVisible", "requires", "fallback",
            "height", "separator", "spacing");
    private static final Map<String, Set<String>> CLOSED = Map.of(
            "TextBlock", with(ELEMENT_PROPERTIES, "text", "color", "fontType", "horizontalAlignment", "isSubtle",
                    "maxLines", "size", "weight", "wrap"),
            "FactSet", with(ELEMENT_PROPERTIES, "facts"),
            "Fact", Set.of("type", "title", "value"),
            "Action.OpenUrl", Set.of("type", "url", "title", "iconUrl", "style", "fallback", "requires"));

    private static final Map<String, Set<String>> TEXT_BLOCK_VALUES = Map.of(
            "size", Set.of("default", "small", "medium", "large", "extralarge"),
            "weight", Set.of("default", "lighter", "bolder"),
            "color", Set.of("default", "dark", "light", "accent", "good", "warning", "attention"));

    private final List<String> problems = new ArrayList<>();

    private AdaptiveCardChecker() {
    }

    /** What is wrong with the card, one line each; empty when nothing is. */
    public static List<String> problems(JsonNode card) {
        AdaptiveCardChecker checker = new AdaptiveCardChecker();
        checker.card(card, "card", true);
        return List.copyOf(checker.problems);
    }

    public static void assertValid(JsonNode card) {
        assertThat(problems(card)).as("Adaptive Card 1.4 problems of %s", card).isEmpty();
    }

    private void card(JsonNode card, String path, boolean topLevel) {
        if (!isObjectOfType(card, path, "AdaptiveCard")) {
            return;
        }
        JsonNode version = card.get("version");
        if (version == null) {
            if (topLevel) {
                problem(path, "has no version");
            }
        } else if (!version.isTextual() || !isNumber(version.asText())) {
            problem(path, "version " + version + " is not a version number");
        } else if (new BigDecimal(version.asText()).compareTo(MAX_VERSION) > 0) {
            problem(path, "version " + version.asText() + " is above " + MAX_VERSION);
        }
        unknownProperties(card, path, CARD_PROPERTIES);
        each(card, "body", path, false, this::element);
        each(card, "actions", path, false, this::action);
        if (card.has("selectAction")) {
            action(card.get("selectAction"), path + ".selectAction");
        }
    }

    private void element(JsonNode element, String path) {
        if (!element.isObject() || !element.path("type").isTextual()) {
            problem(path, "is not an element with a type");
            return;
        }
        String type = element.get("type").asText();
        if (!ELEMENTS.contains(type)) {
            problem(path, "has element type " + type + ", not one of Adaptive Cards 1.4");
            return;
        }
        path = path + "(" + type + ")";
        switch (type) {
            case "TextBlock" -> textBlock(element, path);
            case "Image" -> text(element, "url", path);
            case "FactSet" -> each(element, "facts", path, true, this::fact);
            case "ColumnSet" -> each(element, "columns", path, true, this::column);
            case "Container" -> each(element, "items", path, true, this::element);
            case "ActionSet" -> each(element, "actions", path, true, this::action);
            case "RichTextBlock" -> each(element, "inlines", path, true, this::inline);
            case "ImageSet" -> each(element, "images", path, true, (image, at) -> text(image, "url", at));
            case "Media" -> each(element, "sources", path, true, (source, at) -> text(source, "url", at));
            case "Input.Toggle" -> text(element, "title", path);
            case "Input.ChoiceSet" -> each(element, "choices", path, true, (choice, at) -> text(choice, "title", at));
            default -> {
                // the other inputs need only their id, checked below
            }
        }
        if (type.startsWith("Input.")) {
            text(element, "id", path);
        }
        if (CLOSED.containsKey(type)) {
            unknownProperties(element, path, CLOSED.get(type));
        }
        if (element.path("fallback").isObject()) {
            element(element.get("fallback"), path + ".fallback");
        }
        if (element.has("selectAction")) {
            action(element.get("selectAction"), path + ".selectAction");
        }
    }

    private void textBlock(JsonNode block, String path) {
        text(block, "text", path);
        TEXT_BLOCK_VALUES.forEach((property, values) -> {
            JsonNode value = block.get(property);
            if (value != null && !(value.isTextual() && values.contains(value.asText().toLowerCase(Locale.ROOT)))) {
                problem(path, property + " " + value + " is not one of " + values);
            }
        });
    }

    private void fact(JsonNode fact, String path) {
        text(fact, "title", path);
        text(fact, "value", path);
        unknownProperties(fact, path, CLOSED.get("Fact"));
    }

    private void column(JsonNode column, String path) {
        if (isObjectOfType(column, path, "Column")) {
            each(column, "items", path, true, this::element);
        }
    }

    private void inline(JsonNode inline, String path) {
        if (!inline.isTextual() && isObjectOfType(inline, path, "TextRun")) {
            text(inline, "text", path);
        }
    }

    private void action(JsonNode action, String path) {
        if (!action.isObject() || !action.path("type").isTextual()) {
            problem(path, "is not an action with a type");
            return;
        }
        String type = action.get("type").asText();
        if (!ACTIONS.contains(type)) {
            problem(path, "has action type " + type + ", not one of Adaptive Cards 1.4");
            return;
        }
        path = path + "(" + type + ")";
        if (type.equals("Action.OpenUrl")) {
            text(action, "url", path);
            unknownProperties(action, path, CLOSED.get(type));
        }
        if (type.equals("Action.ShowCard") && action.has("card")) {
            card(action.get("card"), path + ".card", false);
        }
        if (action.path("fallback").isObject()) {
            action(action.get("fallback"), path + ".fallback");
        }
    }

    /** An object whose type, when it has one (it may be left out where only one type fits), is {@code type}. */
    private boolean isObjectOfType(JsonNode node, String path, String type) {
        if (node == null || !node.isObject()) {
            problem(path, "is not an object");
            return false;
        }
        if (node.has("type") && !type.equals(node.get("type").asText())) {
            problem(path, "has type " + node.get("type") + ", not " + type);
            return false;
        }
        if (!node.has("type") && type.equals("AdaptiveCard")) {
            problem(path, "has no type AdaptiveCard");
            return false;
        }
        return true;
    }

    private void each(JsonNode node, String property, String path, boolean required, Check check) {
        JsonNode list = node.get(property);
        if (list == null) {
            if (required) {
                problem(path, "has no " + property);
            }
        } else if (!list.isArray()) {
            problem(path, property + " is not an array");
        } else {
            for (int i = 0; i < list.size(); i++) {
                check.check(list.get(i), path + "." + property + "[" + i + "]");
            }
        }
    }

    private void text(JsonNode node, String property, String path) {
        if (!node.path(property).isTextual()) {
            problem(path, property + " is " + (node.has(property) ? "not a string" : "missing"));
        }
    }

    private void unknownProperties(JsonNode node, String path, Set<String> known) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problem(path, "has property " + name + ", unknown in Adaptive Cards 1.4");
            }
        });
    }

    private void problem(String path, String text) {
        problems.add(path + " " + text);
    }

    private static boolean isNumber(String text) {
        return text.matches("\\d+(\\.\\d+)?");
    }

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }

    @FunctionalInterface
    private interface Check {
        void check(JsonNode node, String path);
    }
}
