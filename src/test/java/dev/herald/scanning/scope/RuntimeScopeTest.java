package dev.herald.scanning.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The runtime scope grammar: what it reads, what a scope matches, and where it says a bad scope goes wrong. */
class RuntimeScopeTest {

    private static final Map<String, String> PROD_API = Map.of(
            "kubernetes.cluster.name", "eu-1",
            "kubernetes.namespace.name", "prod",
            "container.name", "api",
            "container.image", "docker.io/acme/api:1.0");

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n "})
    void anEmptyScopeIsEverywhere(String text) {
        RuntimeScope scope = RuntimeScope.parse(text);

        assertThat(scope.isEverywhere()).isTrue();
        assertThat(scope.matches(Map.of())).isTrue();
        assertThat(scope.matches(PROD_API)).isTrue();
    }

    @Test
    void anAbsentScopeIsEverywhere() {
        assertThat(RuntimeScope.parse(null)).isEqualTo(RuntimeScope.EVERYWHERE);
    }

    @Test
    void eachKindOfPredicateIsRead() {
        RuntimeScope scope = RuntimeScope.parse("kubernetes.namespace.name = \"prod\" and container.image != 'alpine:latest' "
                + "AND kubernetes.cluster.name in (\"eu-1\", \"us-2\")");

        assertThat(scope.predicates()).containsExactly(
                new LabelPredicate.Equals("kubernetes.namespace.name", "prod"),
                new LabelPredicate.NotEquals("container.image", "alpine:latest"),
                new LabelPredicate.In("kubernetes.cluster.name", List.of("eu-1", "us-2")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            kubernetes.namespace.name="prod"                                    | true
            kubernetes.namespace.name = "dev"                                   | false
            kubernetes.namespace.name != "dev"                                  | true
            kubernetes.namespace.name != "prod"                                 | false
            kubernetes.namespace.name in ("dev", "prod")                        | true
            kubernetes.namespace.name IN ("dev","staging")                      | false
            kubernetes.namespace.name = "prod" and container.name = "api"       | true
            kubernetes.namespace.name = "prod" And container.name = "worker"    | false
            kubernetes.pod.name = "api-0"                                       | false
            kubernetes.pod.name != "api-0"                                      | true
            kubernetes.pod.name in ("api-0")                                    | false
            container.image = "docker.io/acme/api:1.0"                          | true
            kubernetes.namespace.name = "PROD"                                  | false
            """)
    void aScopeMatchesThePlacesWhosLabelsSatisfyEveryPredicate(String text, boolean matches) {
        assertThat(RuntimeScope.parse(text).matches(PROD_API)).as(text).isEqualTo(matches);
    }

    @Test
    void quotedValuesMayHoldEscapedQuotesAndKeywords() {
        RuntimeScope scope = RuntimeScope.parse("container.name = \"say \\\"and\\\" in (x)\" and a_b-c/d.e = 'it\\'s'");

        assertThat(scope.predicates()).containsExactly(
                new LabelPredicate.Equals("container.name", "say \"and\" in (x)"),
                new LabelPredicate.Equals("a_b-c/d.e", "it's"));
    }

    /** Each kind of error, with the position (from 1) and token it names. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            kubernetes.namespace.name is "prod"          | 27 | expected '=', '!=' or 'in' at position 27 near "is"
            kubernetes.namespace.name = prod             | 29 | expected a quoted value such as "prod" at position 29 near "prod"
            kubernetes.namespace.name =                  | 28 | expected a quoted value such as "prod" at position 28, at the end of the scope
            kubernetes.namespace.name                    | 26 | expected '=', '!=' or 'in' at position 26, at the end of the scope
            a = "x" or b = "y"                           | 9  | expected 'and' or the end of the scope at position 9 near "or"
            a = "x" and                                  | 12 | expected a label such as kubernetes.namespace.name at position 12, at the end of the scope
            a = "x" and and                              | 16 | expected '=', '!=' or 'in' at position 16, at the end of the scope
            = "x"                                        | 1  | expected a label such as kubernetes.namespace.name at position 1 near "="
            a..b = "x"                                   | 1  | expected a label such as kubernetes.namespace.name at position 1 near "a..b"
            a. = "x"                                     | 1  | expected a label such as kubernetes.namespace.name at position 1 near "a."
            a in "x"                                     | 6  | expected '(' after 'in' at position 6 near ""x""
            a in ("x" "y")                               | 11 | expected ',' or ')' at position 11 near ""y""
            a in ()                                      | 7  | expected a quoted value such as "prod" at position 7 near ")"
            a in ("x",)                                  | 11 | expected a quoted value such as "prod" at position 11 near ")"
            a in ("x"                                    | 10 | expected ',' or ')' at position 10, at the end of the scope
            a = "unterminated                            | 5  | unterminated quoted value starting at position 5
            a = "x" ; drop                               | 9  | unexpected character ';' at position 9
            a ! "x"                                      | 3  | unexpected character '!' at position 3
            a = "x" and 🔥 = "y"                          | 13 | unexpected character '🔥' at position 13
            a == "x"                                     | 4  | expected a quoted value such as "prod" at position 4 near "="
            a = "x" b = "y"                              | 9  | expected 'and' or the end of the scope at position 9 near "b"
            """)
    void aBadScopeIsRefusedNamingThePositionAndToken(String text, int position, String message) {
        assertThatThrownBy(() -> RuntimeScope.parse(text))
                .isInstanceOfSatisfying(ScopeSyntaxException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.position()).isEqualTo(position);
                });
    }

    @Test
    void aLongTokenIsShortenedInTheMessage() {
        String label = "kubernetes.namespace.name.that.goes.on.and.on";

        assertThatThrownBy(() -> RuntimeScope.parse("a = \"x\" and " + label))
                .hasMessage("expected '=', '!=' or 'in' at position " + (13 + label.length()) + ", at the end of the scope");
        assertThatThrownBy(() -> RuntimeScope.parse("a = \"x\" " + label))
                .hasMessage("expected 'and' or the end of the scope at position 9 near \"kubernetes.namespace.nam…\"");
    }
}
