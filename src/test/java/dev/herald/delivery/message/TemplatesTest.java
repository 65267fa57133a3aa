package dev.herald.delivery.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.event.EventLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplatesTest {

    @TempDir
    Path overrides;

    private static Notification notification(String message) {
        return new Notification("e-1", "d-1", "user.image.analysis.failed", EventLevel.ERROR, message, "acme",
                "image_tag", "docker.io/acme/api:1.4", "scanner", "ci-7", Instant.parse("2026-11-21T09:08:54Z"),
                new Changes.Note(message), null, List.of());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
            "txt    => <b>@team</b> *x*    => <b>@team</b> *x*",
            "html   => <b>@team</b> *x*    => &lt;b&gt;@team&lt;/b&gt; *x*",
            "md     => <b>@team</b> *x*    => \\<b\\>@\u200Dteam\\</b\\> \\*x\\*",
            "mrkdwn => <!channel> & *x*    => &lt;!channel&gt; &amp; *x*",
            "wiki   => [link|http://x] *x* => \\[link\\|http://x\\] \\*x\\*"})
    void eventValuesAreEscapedForTheTemplatesFormat(String format, String message, String expected) throws Exception {
        Files.writeString(overrides.resolve("probe." + format + ".mustache"), "{{message}}");
        Templates templates = new Templates(overrides);

        assertThat(templates.render("probe." + format, notification(message))).isEqualTo(expected);
    }

    @Test
    void tripleBracesWriteAValueUnescaped() throws Exception {
        Files.writeString(overrides.resolve("raw.html.mustache"), "{{{message}}}");

        assertThat(new Templates(overrides).render("raw.html", notification("<b>bold</b>"))).isEqualTo("<b>bold</b>");
    }

    @Test
    void anOperatorsFileOverridesTheShippedTemplateAndPartialsStillResolve() throws Exception {
        Templates shipped = new Templates(null);
        Files.createDirectories(overrides.resolve("smtp"));
        Files.writeString(overrides.resolve("smtp/subject.txt.mustache"), "SECURITY {{account}}: {{> common/title.txt}}");

        assertThat(shipped.render("smtp/subject.txt", notification("Failed")))
                .isEqualTo("[Herald] Failed — docker.io/acme/api:1.4");
        assertThat(new Templates(overrides).render("smtp/subject.txt", notification("Failed")))
                .isEqualTo("SECURITY acme: Failed — docker.io/acme/api:1.4");
    }

    /** Jira shows a needless backslash (and its plain-text views show them all): only markup is escaped. */
    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
            "2026-11-21T09:08:54.749Z on ci-7              => 2026-11-21T09:08:54.749Z on ci-7",
            "image_tag CVE-2026-1111 in openssl 3.0.1-r0  => image_tag CVE-2026-1111 in openssl 3.0.1-r0",
            "-struck- _em_ *bold* +under+ ^sup^ ~sub~     => \\-struck\\- \\_em\\_ \\*bold\\* \\+under\\+ \\^sup\\^ \\~sub\\~",
            "{code} [link] a|b back\\slash              => \\{code\\} \\[link\\] a\\|b back\\\\slash",
            "!image.png! Done! ??cite?? why?               => \\!image.png! Done! \\?\\?cite\\?\\? why?",
            "#1 first, not #2                              => \\#1 first, not #2"})
    void jiraMarkupIsEscapedAndPlainTextIsLeftAsItIs(String message, String expected) throws Exception {
        Files.writeString(overrides.resolve("probe.wiki.mustache"), "{{message}}");

        assertThat(new Templates(overrides).render("probe.wiki", notification(message))).isEqualTo(expected);
    }

    @Test
    void aTemplateNameCannotReachOutsideTheOverrideDirectory() throws Exception {
        Path outside = overrides.getParent().resolve("outside-" + System.nanoTime() + ".txt.mustache");
        Files.writeString(outside, "leaked");
        try {
            Templates templates = new Templates(overrides);
            assertThatThrownBy(() -> templates.render("../" + outside.getFileName().toString().replace(".mustache", ""),
                    notification("x"))).isInstanceOf(RuntimeException.class);
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void aTemplateMustSayWhichFormatItWrites() {
        assertThatThrownBy(() -> new Templates(null).render("smtp/subject", notification("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".txt, .html, .md, .mrkdwn or .wiki");
    }
}
