package dev.herald.endpoint.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every type's settings do with their secrets, whatever their fields. */
class EndpointSettingsTest {

    private static final String SECRET = "s3cr3t-value-91c2";
    private static final String SECRET_URL = "https://hooks.example.com/services/T01/B02/" + SECRET;

    static Stream<EndpointSettings> everyType() {
        return Stream.of(
                new SmtpSettings("mail.example", 587, "a@example", "b@example", "mailer", SECRET, true, null, null),
                new SlackSettings(SECRET_URL, null, null),
                new TeamsSettings(SECRET_URL, null, null),
                new GithubSettings("https://api.github.com", "bot", SECRET, "acme", "repo", 3, List.of("x"), List.of(), null, null),
                new JiraSettings("https://acme.atlassian.net", "bot", SECRET, "SEC", "Bug", null, null, List.of(), null, null),
                new WebhookSettings(SECRET_URL, "bot", SECRET, true, null, null, null, null, null),
                new WebhookSettings("https://hooks.example.com/h", null, null, null, "whsec_new" + SECRET, null,
                        Map.of("X-Tenant", "acme"), "whsec_old" + SECRET, Instant.parse("2026-12-01T10:00:00Z")));
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void withSecretsTransformsTheSecretsAndNothingElse(EndpointSettings settings) {
        EndpointSettings transformed = settings.withSecrets(secret -> "<" + secret + ">");

        assertThat(transformed.getClass()).isEqualTo(settings.getClass());
        assertThat(transformed).isNotEqualTo(settings);
        assertThat(transformed.withSecrets(secret -> secret.substring(1, secret.length() - 1))).isEqualTo(settings);
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void theSecretIsASensitiveText(EndpointSettings settings) {
        assertThat(settings.sensitiveTexts()).anySatisfy(text -> assertThat(text).contains(SECRET));
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void toStringNeverShowsASensitiveText(EndpointSettings settings) {
        assertThat(settings.toString()).startsWith(settings.getClass().getSimpleName() + "[").doesNotContain(SECRET);
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void unsetSecretsStayUnset(EndpointSettings settings) {
        EndpointSettings cleared = settings.withSecrets(secret -> null);

        assertThat(cleared.withSecrets(secret -> {
            throw new AssertionError("called for an unset secret");
        })).isEqualTo(cleared);
    }
}
