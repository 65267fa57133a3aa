package dev.herald.delivery.teams;

/**
 * Makes text from events show as written where Teams renders Markdown: Adaptive Card TextBlocks and
 * fact titles and values (Teams documents Markdown for all three, so facts are not plain either),
 * and the texts and facts of MessageCards.
 *
 * <p>Teams honours no backslash escapes there (a {@code \*} shows its backslash), and HTML entities
 * are not decoded everywhere, so each construct is broken with as little visible change as possible:
 * <ul>
 * <li>links: a zero-width space after {@code ]}, since {@code [text](url)} needs {@code ](} side by side;</li>
 * <li>mentions, tags and autolinks: a zero-width space after {@code <} ({@code <at>}, {@code <https://…>});</li>
 * <li>bare URLs: a zero-width space in {@code ://}, so clients that turn URLs into links see no scheme;</li>
 * <li>{@code _}: zero-width spaces around it unless it sits between letters or digits: an underscore
 *     inside a word never opens or closes emphasis, and the spaces make it one ({@code image_tag} is
 *     left as it is, so it can still be copied);</li>
 * <li>{@code *}: U+2217 (∗), which looks alike. A zero-width space does not help here: it is not
 *     whitespace to a Markdown parser, so {@code **bold**} with zero-width spaces between the
 *     asterisks still pairs up as emphasis and the asterisks vanish.</li>
 * </ul>
 * Line-start list markers are left alone: they only format lines that already read as a list.
 */
final class TeamsMarkdown {

    static final char ZERO_WIDTH_SPACE = '\u200B';
    static final char ASTERISK_LOOKALIKE = '\u2217';

    private TeamsMarkdown() {
    }

    /** The text with every Markdown link, emphasis, mention and URL defused. */
    static String plain(String text) {
        StringBuilder plain = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '*' -> plain.append(ASTERISK_LOOKALIKE);
                case ']', '<' -> plain.append(c).append(ZERO_WIDTH_SPACE);
                case ':' -> {
                    plain.append(c);
                    if (text.startsWith("//", i + 1)) {
                        plain.append(ZERO_WIDTH_SPACE);
                    }
                }
                case '_' -> {
                    if (wordCharacterAt(text, i - 1) && wordCharacterAt(text, i + 1)) {
                        plain.append(c);
                    } else {
                        plain.append(ZERO_WIDTH_SPACE).append(c).append(ZERO_WIDTH_SPACE);
                    }
                }
                default -> plain.append(c);
            }
        }
        return plain.toString();
    }

    /** The text cut to {@code length} characters, the last one an ellipsis when it was longer. */
    static String limit(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }

    private static boolean wordCharacterAt(String text, int index) {
        return index >= 0 && index < text.length() && Character.isLetterOrDigit(text.charAt(index));
    }
}
