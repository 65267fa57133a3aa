package dev.herald.delivery.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The short type label of issue titles: the type without its audience, in words. */
class TemplateContextTest {

    @ParameterizedTest
    @CsvSource({
            "user.checks.tag.vulnerabilities.update, Checks tag vulnerabilities update",
            "user.image.analysis.failed, Image analysis failed",
            "system.service.state_transition.down, Service state transition down",
            "system.test.random_wisdom, Test random wisdom",
            "custom, Custom",
            "custom., custom."})
    void theTypeLabelDropsTheAudienceAndSpellsTheRestInWords(String type, String label) {
        assertThat(TemplateContext.typeLabel(type)).isEqualTo(label);
    }
}
