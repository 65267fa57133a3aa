package dev.herald.delivery.issue;

/** Fits rendered text into a tracker's fields. */
public final class IssueText {

    private IssueText() {
    }

    /** A title on one line, cut to the tracker's limit. */
    public static String title(String text, int limit) {
        return limit(text.replaceAll("\\s+", " ").strip(), limit);
    }

    /** A text cut to the tracker's limit, with an ellipsis when it was cut. */
    public static String limit(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
