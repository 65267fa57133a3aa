package dev.herald.delivery.message;

/**
 * A configuration's own {@code title_template} and {@code text_template}, either null when not set:
 * they take the place of the title and of the main text ({@code {{message}}}) in the built-in
 * templates, which write them as {@code custom_title} and {@code custom_text}.
 */
public record CustomTexts(String titleTemplate, String textTemplate) {

    public static final CustomTexts NONE = new CustomTexts(null, null);
}
