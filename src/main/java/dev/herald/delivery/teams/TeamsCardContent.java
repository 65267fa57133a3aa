package dev.herald.delivery.teams;

import dev.herald.delivery.message.Notification;
import dev.herald.delivery.message.Templates;
import dev.herald.event.EventLevel;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Teams card says, whichever format carries it (Adaptive Card or legacy MessageCard): the
 * words of the {@code teams/} templates with every text already cut to size and made plain
 * ({@link TeamsMarkdown}). The templates are {@code .txt}: the {@code .md} format escapes with
 * backslashes, which Teams would show.
 *
 * @param message     the event's message, empty when it has none
 * @param digest      the digest's lines as paragraphs, empty when there is no digest
 * @param digestFacts the digest's details (top vulnerabilities, image digest)
 * @param link        where to read more, or null when {@code herald.ui-url} is not set
 */
record TeamsCardContent(String title, boolean error, String message, List<Fact> facts, String digest,
        List<Fact> digestFacts, String link, String linkTitle) {

    static final int TITLE_LIMIT = 250;
    /** Long digests (many-line error messages) are cut here: a card is a notice, not a report. */
    static final int TEXT_LIMIT = 2000;
    static final int FACT_LIMIT = 500;

    /** One line of a fact list: a title and its value. */
    record Fact(String title, String value) {
    }

    static TeamsCardContent of(Notification notification, Templates templates) {
        String message = text(templates.render("teams/message.txt", notification), TEXT_LIMIT);
        // one paragraph per line: a single line break is not one in every Teams client
        String digest = text(String.join("\n\n", templates.render("teams/digest.txt", notification).lines()
                .map(String::strip).filter(line -> !line.isEmpty()).toList()), TEXT_LIMIT);
        return new TeamsCardContent(
                text(templates.render("common/title.txt", notification), TITLE_LIMIT),
                notification.level() == EventLevel.ERROR,
                message,
                facts(templates.render("teams/facts.txt", notification)),
                // many events carry their message again as their details' msg: said once is enough
                digest.equals(message) ? "" : digest,
                facts(templates.render("teams/digest-facts.txt", notification)),
                notification.link(),
                text(templates.render("teams/button.txt", notification), TITLE_LIMIT));
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
