package dev.herald.selector;

/**
 * An event type pattern of a selector: {@code *} matches any run of characters (dots included,
 * possibly none); without {@code *} the pattern is an exact type. Matching needs no regular
 * expression: the pieces between the stars must appear in order, the first at the start and the
 * last at the end, and taking each middle piece at its earliest place is always right.
 */
public final class TypePattern {

    private final String pattern;
    private final String[] pieces;

    private TypePattern(String pattern) {
        this.pattern = pattern;
        this.pieces = pattern.split("\\*", -1);
    }

    public static TypePattern compile(String pattern) {
        return new TypePattern(pattern);
    }

    public boolean isExact() {
        return pieces.length == 1;
    }

    public boolean matches(String type) {
        if (isExact()) {
            return pattern.equals(type);
        }
        String first = pieces[0];
        String last = pieces[pieces.length - 1];
        if (type.length() < first.length() + last.length() || !type.startsWith(first) || !type.endsWith(last)) {
            return false;
        }
        int from = first.length();
        int end = type.length() - last.length();
        for (int i = 1; i < pieces.length - 1; i++) {
            int at = type.indexOf(pieces[i], from);
            if (at < 0 || at + pieces[i].length() > end) {
                return false;
            }
            from = at + pieces[i].length();
        }
        return true;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
