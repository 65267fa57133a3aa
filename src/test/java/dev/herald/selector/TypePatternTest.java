package dev.herald.selector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Event type patterns of selectors (DESIGN §4): {@code *} matches any run of characters, dots included, possibly none. */
class TypePatternTest {

    @ParameterizedTest(name = "[{index}] ''{0}'' vs ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            # pattern                                 | type                                        | expected
            # exact types
            user.image.analysis.completed             | user.image.analysis.completed               | true
            user.image.analysis.completed             | user.image.analysis.failed                  | false
            user.image.analysis.completed             | user.image.analysis.completed.extra         | false
            user.image.analysis.completed             | user.image.analysis                         | false
            user.image.analysis.completed             | xuser.image.analysis.completed              | false
            user.image.analysis.completed             | ''                                          | false
            # a lone star
            *                                         | user.checks.tag.policy_evaluation.update    | true
            *                                         | a                                           | true
            *                                         | ''                                          | true
            **                                        | ''                                          | true
            **                                        | system.feeds.sync.failed                    | true
            # prefix: the star spans dots
            user.*                                    | user.checks.tag.policy_evaluation.update    | true
            user.*                                    | user.image.analysis.failed                  | true
            user.*                                    | userx.a                                     | false
            user.*                                    | user                                        | false
            user.*                                    | system.user.x                               | false
            user.*                                    | user.                                       | true
            user.checks.*                             | user.checks.tag.vulnerabilities.update      | true
            user.checks.*                             | user.check.tag                              | false
            system.*                                  | system.test.random_wisdom                   | true
            system.*                                  | user.system.x                               | false
            # suffix
            *.update                                  | user.checks.tag.vulnerabilities.update      | true
            *.update                                  | user.checks.tag.vulnerabilities.updated     | false
            *.update                                  | .update                                     | true
            *.update                                  | update                                      | false
            # prefix and suffix
            user.*.update                             | user.checks.tag.policy_evaluation.update    | true
            user.*.update                             | user..update                                | true
            user.*.update                             | user.update                                 | false
            user.*.update                             | system.checks.update                        | false
            user.*.update                             | user.checks.update.x                        | false
            # infix
            *checks*                                  | user.checks.tag.vulnerabilities.update      | true
            *checks*                                  | checks                                      | true
            *checks*                                  | user.check.s                                | false
            *image_analysis*                          | system.image_analysis.completed             | true
            *image_analysis*                          | user.image.analysis.completed               | false
            # several stars: greedy earliest placement, no overlapping pieces
            a*b*b                                     | abbb                                        | true
            a*b*b                                     | abb                                         | true
            a*b*b                                     | ab                                          | false
            a*b*b                                     | abba                                        | false
            a*ab                                      | aab                                         | true
            a*ab                                      | ab                                          | false
            *a*a*                                     | aa                                          | true
            *a*a*                                     | a                                           | false
            *a*a*                                     | bab                                         | false
            *a*a*                                     | babab                                       | true
            ab*ba                                     | aba                                         | false
            ab*ba                                     | abba                                        | true
            ab*ba                                     | abxba                                       | true
            a*a                                       | a                                           | false
            a*a                                       | aa                                          | true
            *ab*ab*                                   | abab                                        | true
            *ab*ab*                                   | aba                                         | false
            *aa*aa*                                   | aaa                                         | false
            *aa*aa*                                   | aaaa                                        | true
            user.*.*.update                           | user.checks.tag.policy_evaluation.update    | true
            user.*.*.update                           | user.checks.update                          | false
            user.*.*.update                           | user...update                               | true
            # literal '-', '_' and '.' are not special
            system.image_analysis.completed           | system.image-analysis.completed             | false
            system.image-analysis.completed           | system.image_analysis.completed             | false
            system.image-analysis.completed           | system.image-analysis.completed             | true
            user.a_b                                  | user.axb                                    | false
            user.a.b                                  | user.axb                                    | false
            *_failed                                  | system.feeds.sync.feed_failed               | true
            *_failed                                  | system.feeds.sync.feed-failed               | false
            *-x                                       | a-x                                         | true
            *-x                                       | a_x                                         | false
            """)
    void matchesTable(String pattern, String type, boolean expected) {
        assertThat(TypePattern.compile(pattern).matches(type))
                .as("pattern '%s' vs type '%s'", pattern, type)
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' exact={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            user.image.analysis.completed | true
            user.*                        | false
            *                             | false
            a*b*c                         | false
            ''                            | true
            """)
    void isExactOnlyWithoutStar(String pattern, boolean exact) {
        assertThat(TypePattern.compile(pattern).isExact()).isEqualTo(exact);
    }

    @Test
    void toStringIsThePattern() {
        assertThat(TypePattern.compile("user.*.update")).hasToString("user.*.update");
    }

    /** Random patterns over {a,b,.,*} and types over {a,b,.}, compared with an independent regex. */
    @Test
    void agreesWithRegexReference() {
        Random random = new Random(20240917L);
        List<String> mismatches = new ArrayList<>();
        int matched = 0;
        int notMatched = 0;
        for (int p = 0; p < 400; p++) {
            String pattern = randomString(random, "ab.*", 7);
            TypePattern compiled = TypePattern.compile(pattern);
            Pattern reference = reference(pattern);
            for (int t = 0; t < 25; t++) {
                String type = randomString(random, "ab.", 8);
                boolean expected = reference.matcher(type).matches();
                boolean actual = compiled.matches(type);
                if (expected != actual) {
                    mismatches.add("'" + pattern + "' vs '" + type + "': expected " + expected + ", got " + actual);
                }
                if (expected) {
                    matched++;
                } else {
                    notMatched++;
                }
            }
        }
        assertThat(mismatches).isEmpty();
        // the sample exercises both outcomes substantially
        assertThat(matched).isGreaterThan(500);
        assertThat(notMatched).isGreaterThan(500);
    }

    @Test
    void referenceItselfBehavesAsSpecified() {
        assertThat(reference("user.*").matcher("user.checks.tag").matches()).isTrue();
        assertThat(reference("user.*").matcher("userx.a").matches()).isFalse();
        assertThat(reference("a.b").matcher("axb").matches()).isFalse();
        assertThat(reference("ab*ba").matcher("aba").matches()).isFalse();
    }

    private static Pattern reference(String pattern) {
        String regex = java.util.Arrays.stream(pattern.split("\\*", -1))
                .map(Pattern::quote)
                .collect(Collectors.joining(".*"));
        return Pattern.compile(regex, Pattern.DOTALL);
    }

    private static String randomString(Random random, String alphabet, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder builder = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            builder.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return builder.toString();
    }
}
