package dev.herald.scanning.scope;

/**
 * A scope Herald cannot read. The message says what was expected and where, e.g.
 * {@code expected '=', '!=' or 'in' at position 27 near "is"}; positions count characters from 1.
 */
public final class ScopeSyntaxException extends IllegalArgumentException {

    private final int position;

    ScopeSyntaxException(String expected, ScopeToken token) {
        this(expected + " at position " + token.position()
                + (token.kind() == ScopeToken.Kind.END ? ", at the end of the scope" : " near \"" + token.shown() + "\""),
                token.position());
    }

    ScopeSyntaxException(String message, int position) {
        super(message);
        this.position = position;
    }

    /** Where the problem is, counting characters of the scope from 1. */
    public int position() {
        return position;
    }
}
