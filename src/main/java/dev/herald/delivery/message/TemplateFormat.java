package dev.herald.delivery.message;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The format a template writes, named by its second extension ({@code body.html.mustache}), and
 * how values from events are escaped in it. Events come from scanners and other programs: their
 * text must not turn into markup, links or mentions ({@code <!channel>} in Slack, {@code @team}
 * on GitHub). {@code {{{value}}}} (triple braces) writes a value unescaped.
 */
enum TemplateFormat {
    /** Plain text: nothing to escape. */
    TXT(value -> value),
    HTML(TemplateFormat::escapeHtml),
    /** GitHub-flavoured Markdown: markup characters escaped, mentions and references defused. */
    MD(TemplateFormat::escapeMarkdown),
    /** Slack mrkdwn: Slack asks for exactly these three to be escaped. */
    MRKDWN(value -> value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")),
    /** Jira wiki markup: only what would act as markup is escaped. */
    WIKI(TemplateFormat::escapeWiki);

    private final UnaryOperator<String> escaper;

    TemplateFormat(UnaryOperator<String> escaper) {
        this.escaper = escaper;
    }

    String escape(String value) {
        return escaper.apply(value);
    }

    /** The format of a template name such as {@code slack/summary.mrkdwn}. */
    static TemplateFormat of(String templateName) {
        String extension = templateName.substring(templateName.lastIndexOf('.') + 1);
        try {
            return valueOf(extension.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Template " + templateName
                    + " must end in .txt, .html, .md, .mrkdwn or .wiki (the format it writes)", e);
        }
    }

    private static String escapeHtml(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String escapeMarkdown(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (char c : value.toCharArray()) {
            // what changes meaning mid-line: emphasis, code, links, html, table cells, strike, issue refs
            if ("\\`*_[]<>|~#".indexOf(c) >= 0) {
                escaped.append('\\').append(c);
            } else if (c == '@') {
                // a zero-width joiner after @ keeps the text but stops the mention
                escaped.append(c).append('\u200D');
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * Jira wiki markup, escaped only where a character would act as markup, so what reads as text in
     * the source reads the same in Jira (which shows a needless backslash in places, and every
     * plain-text view of the issue shows them all): 2026-11-21, image_tag and ci-7 stay as they are.
     * Links, macros, tables, line breaks ({@code [ ] { } | \}) are escaped wherever they are; an image
     * ({@code !name!}) where one could open; emphasis ({@code * _ - + ^ ~}) unless inside a word, where
     * Jira does not read it; {@code ??} (citation) and a {@code #} opening a line (numbered list).
     */
    private static String escapeWiki(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            char before = i > 0 ? value.charAt(i - 1) : '\n';
            char after = i + 1 < value.length() ? value.charAt(i + 1) : '\n';
            boolean markup = switch (c) {
                case '\\', '{', '}', '[', ']', '|' -> true;
                case '!' -> !Character.isWhitespace(after);
                case '*', '_', '-', '+', '^', '~' -> !(Character.isLetterOrDigit(before) && Character.isLetterOrDigit(after));
                case '?' -> before == '?' || after == '?';
                case '#' -> before == '\n';
                default -> false;
            };
            if (markup) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
