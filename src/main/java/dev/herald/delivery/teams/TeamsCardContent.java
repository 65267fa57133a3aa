package dev.herald.delivery.teams;

import dev.herald.delivery.message.DigestNotification;
import dev.herald.delivery.message.Notification;
import dev.herald.delivery.message.Templates;
import dev.herald.delivery.message.Notification.AlertReference;
import dev.herald.delivery.message.Notification.Tone;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Teams card says, whichever format carries it (Adaptive Card or legacy MessageCard): the
 * words of the {@code teams/} templates with every text already cut to size and made plain
 * ({@link TeamsMarkdown}). The templates are {@code .txt}: the {@code .md} format escapes with
 * backslashes, which Teams would show.
 *
 * @param message     the event's message, empty when it has none
 * @param changes     the changes summary's lines as paragraphs, empty when there is none
 * @param changesFacts the changes summary's details (top vulnerabilities, image digest)
 * @param tone        failure (red), resolved (green) or info
 * @param links       the buttons: the event's link, then each alert's, none when {@code herald.ui-url} is not set
 */
record TeamsCardContent(String title, Tone tone, String message, List<Fact> facts, String changes,
        List<Fact> changesFacts, List<Link> links) {

    static final int TITLE_LIMIT = 250;
    /** Long changes summaries (many-line error messages) are cut here: a card is a notice, not a report. */
    static final int TEXT_LIMIT = 2000;
    static final int FACT_LIMIT = 500;

    /** One line of a fact list: a title and its value. */
    record Fact(String title, String value) {
    }

    /** A button that opens a page. */
    record Link(String title, String url) {
    }

    static TeamsCardContent of(Notification notification, Templates templates) {
        String message = text(templates.render("teams/message.txt", notification), TEXT_LIMIT);
        // one paragraph per line: a single line break is not one in every Teams client
        String changes = text(String.join("\n\n", templates.render("teams/changes.txt", notification).lines()
                .map(String::strip).filter(line -> !line.isEmpty()).toList()), TEXT_LIMIT);
        return new TeamsCardContent(
                text(templates.render("common/title.txt", notification), TITLE_LIMIT),
                notification.tone(),
                message,
                facts(templates.render("teams/facts.txt", notification)),
                // many events carry their message again as their details' msg: said once is enough
                changes.equals(message) ? "" : changes,
                facts(templates.render("teams/changes-facts.txt", notification)),
                links(notification, templates));
    }

    /** A digest's card: its title, its events by type (the first of each listed) as text, and the counts as facts. */
    static TeamsCardContent of(DigestNotification digest, Templates templates) {
        return new TeamsCardContent(
                text(templates.render("common/digest-title.txt", digest), TITLE_LIMIT),
                digest.hasError() ? Tone.FAILURE : Tone.INFO,
                text(String.join("\n\n", templates.render("teams/digest.txt", digest).lines()
                        .map(String::strip).filter(line -> !line.isEmpty()).toList()), TEXT_LIMIT),
                facts(templates.render("teams/digest-facts.txt", digest)),
                "",
                List.of(),
                List.of());
    }

    private static List<Link> links(Notification notification, Templates templates) {
        List<Link> links = new ArrayList<>();
        if (notification.link() != null) {
            links.add(new Link(text(templates.render("teams/button.txt", notification), TITLE_LIMIT), notification.link()));
        }
        String openAlert = templates.render("teams/alert-button.txt", notification);
        for (AlertReference alert : notification.alerts()) {
            if (alert.link() != null) {
                links.add(new Link(text(openAlert + " " + alert.name(), TITLE_LIMIT), alert.link()));
            }
        }
        return links;
    }

    /** A template of paragraphs, each a title line followed by its value, as facts. */
    private static List<Fact> facts(String rendered) {
        List<Fact> facts = new ArrayList<>();
        for (String paragraph : rendered.split("\n\\s*\n")) {
            String[] lines = paragraph.strip().split("\n", 2);
            if (lines.length == 2 && !lines[1].isBlank()) {
                facts.add(new Fact(text(lines[0], TITLE_LIMIT), text(lines[1].strip(), FACT_LIMIT)));
            }
        }
        return facts;
    }

    private static String text(String text, int limit) {
        return TeamsMarkdown.plain(TeamsMarkdown.limit(text.strip(), limit));
    }
}
