package dev.herald.delivery.teams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Text from events shows as written in Teams: no link, emphasis, mention or URL comes out of it. */
class TeamsMarkdownTest {

    private static final String ZWSP = "\u200B";

    private static String visible(String text) {
        return text.replace(ZWSP, "");
    }

    @Test
    void aMarkdownLinkIsBrokenBetweenItsBracketAndParenthesis() {
        String plain = TeamsMarkdown.plain("[click](https://evil.example)");
        assertThat(plain).doesNotContain("](");
        assertThat(visible(plain)).isEqualTo("[click](https://evil.example)");
    }

    @Test
    void mentionsTagsAndAutolinksDoNotOpen() {
        String plain = TeamsMarkdown.plain("<at>everyone</at> <https://evil.example>");
        assertThat(plain).doesNotContain("<at>", "</at>", "<https");
        assertThat(visible(plain)).isEqualTo("<at>everyone</at> <https://evil.example>");
    }

    @Test
    void bareUrlsLoseTheirSchemeSeparator() {
        String plain = TeamsMarkdown.plain("see http://policy-engine:8228 and https://evil.example/x");
        assertThat(plain).doesNotContain("://");
        assertThat(visible(plain)).isEqualTo("see http://policy-engine:8228 and https://evil.example/x");
    }

    @Test
    void asterisksBecomeALookalikeSoNothingTurnsBold() {
        assertThat(TeamsMarkdown.plain("**bold** and *italic* a*b")).isEqualTo("∗∗bold∗∗ and ∗italic∗ a∗b");
    }

    @Test
    void underscoresAtWordEdgesAreFencedAndThoseInsideWordsKept() {
        assertThat(TeamsMarkdown.plain("user.checks.tag.policy_evaluation.update image_tag"))
                .isEqualTo("user.checks.tag.policy_evaluation.update image_tag");
        String plain = TeamsMarkdown.plain("_italic_ __init__");
        assertThat(plain).startsWith(ZWSP + "_" + ZWSP + "italic" + ZWSP + "_" + ZWSP);
        assertThat(visible(plain)).isEqualTo("_italic_ __init__");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Policy evaluation update detected for a tagged image", "sha256:0f3c9d2e", "CVE-2026-1111 (Critical)",
            "Added and updated · Critical 1", "- a list item", ""})
    void ordinaryTextIsLeftAsItIs(String text) {
        assertThat(TeamsMarkdown.plain(text)).isEqualTo(text);
    }

    @Test
    void limitCutsWithAnEllipsis() {
        assertThat(TeamsMarkdown.limit("abcdef", 4)).isEqualTo("abc…");
        assertThat(TeamsMarkdown.limit("abcd", 4)).isEqualTo("abcd");
    }
}
