package dev.herald.endpoint.settings;

import dev.herald.validation.JsonInput;

/**
 * The settings of a type whose messages have a title and a text (Slack, Teams, email, GitHub,
 * Jira), which a configuration may word itself: Mustache templates, null when not set.
 */
public interface MessageTemplates {

    String TITLE_DESCRIPTION = "Herald: a Mustache template of the message's title (mail subject, issue title, "
            + "card or Slack header), at most " + "1024 characters, instead of the built-in one. It sees the values the "
            + "built-in templates see ({{message}}, {{type}}, {{type_label}}, {{level}}, {{account}}, {{resource_id}}, "
            + "{{#policy}}…{{/policy}} ...), written as plain text on one line; {{{…}}} and {{&…}} are refused. "
            + "Checked when saved: a syntax error is a 400 with its line";
    String TEXT_DESCRIPTION = "Herald: a Mustache template of the message's main text (where the event's message "
            + "stands), at most 8192 characters, instead of the event's message; the fields, changes summary, links and alert "
            + "names stay. Its own text is the channel's markup (Slack mrkdwn, Markdown on GitHub, Jira wiki; plain text "
            + "in a mail), values are escaped for that markup; {{{…}}} and {{&…}} are refused. Checked when saved";
    int TITLE_LENGTH = 1024;
    int TEXT_LENGTH = 8192;

    String titleTemplate();

    String textTemplate();

    /** The template of a field, null when absent or blank (which clears it). */
    static String read(JsonInput input, String name) {
        String template = input.optionalText(name, name.startsWith("title") ? TITLE_LENGTH : TEXT_LENGTH);
        return template == null || template.isBlank() ? null : template;
    }
}
