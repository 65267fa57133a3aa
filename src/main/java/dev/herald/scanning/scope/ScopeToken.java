package dev.herald.scanning.scope;

import java.util.Locale;

/**
 * One token of a scope's text.
 *
 * @param text     the token as written (a quoted value with its quotes)
 * @param value    a quoted value without its quotes and escapes; otherwise the text
 * @param position where it starts, counting characters from 1
 */
record ScopeToken(Kind kind, String text, String value, int position) {

    /** How long a token may be shown in an error message. */
    private static final int SHOWN_LENGTH = 24;

    enum Kind { WORD, QUOTED, EQUALS, NOT_EQUALS, OPEN, CLOSE, COMMA, END }

    boolean isKeyword(String keyword) {
        return kind == Kind.WORD && text.toLowerCase(Locale.ROOT).equals(keyword);
    }

    String shown() {
        if (text.length() <= SHOWN_LENGTH) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(SHOWN_LENGTH - 1)) ? SHOWN_LENGTH - 1 : SHOWN_LENGTH;
        return text.substring(0, end) + "…";
    }
}
