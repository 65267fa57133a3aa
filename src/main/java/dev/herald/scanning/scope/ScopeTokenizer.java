package dev.herald.scanning.scope;

import dev.herald.scanning.scope.ScopeToken.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a scope into tokens: words (labels and the keywords {@code and}, {@code in}), quoted
 * values ({@code "…"} or {@code '…'}, a backslash escaping the next character), {@code =},
 * {@code !=}, parentheses and commas. Labels are ASCII: letters, digits, {@code _ . - /}.
 */
final class ScopeTokenizer {

    private final String text;
    private final List<ScopeToken> tokens = new ArrayList<>();
    private int at;

    private ScopeTokenizer(String text) {
        this.text = text;
    }

    /** The tokens, ending with an END token. */
    static List<ScopeToken> tokenize(String text) {
        ScopeTokenizer tokenizer = new ScopeTokenizer(text);
        tokenizer.run();
        return tokenizer.tokens;
    }

    private void run() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                at++;
            } else if (isWordStart(c)) {
                word();
            } else if (c == '"' || c == '\'') {
                quoted(c);
            } else if (c == '=') {
                single(Kind.EQUALS);
            } else if (c == '!' && at + 1 < text.length() && text.charAt(at + 1) == '=') {
                tokens.add(new ScopeToken(Kind.NOT_EQUALS, "!=", "!=", at + 1));
                at += 2;
            } else if (c == '(') {
                single(Kind.OPEN);
            } else if (c == ')') {
                single(Kind.CLOSE);
            } else if (c == ',') {
                single(Kind.COMMA);
            } else {
                String character = new String(Character.toChars(text.codePointAt(at)));
                throw new ScopeSyntaxException("unexpected character '" + character + "' at position " + (at + 1), at + 1);
            }
        }
        tokens.add(new ScopeToken(Kind.END, "", "", text.length() + 1));
    }

    private void single(Kind kind) {
        String character = String.valueOf(text.charAt(at));
        tokens.add(new ScopeToken(kind, character, character, at + 1));
        at++;
    }

    private void word() {
        int start = at;
        while (at < text.length() && isWordPart(text.charAt(at))) {
            at++;
        }
        String word = text.substring(start, at);
        tokens.add(new ScopeToken(Kind.WORD, word, word, start + 1));
    }

    private void quoted(char quote) {
        int start = at;
        StringBuilder value = new StringBuilder();
        at++;
        while (at < text.length() && text.charAt(at) != quote) {
            if (text.charAt(at) == '\\' && at + 1 < text.length()) {
                at++;
            }
            value.append(text.charAt(at));
            at++;
        }
        if (at >= text.length()) {
            throw new ScopeSyntaxException("unterminated quoted value starting at position " + (start + 1), start + 1);
        }
        at++;
        tokens.add(new ScopeToken(Kind.QUOTED, text.substring(start, at), value.toString(), start + 1));
    }

    private static boolean isWordStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '/';
    }
}
