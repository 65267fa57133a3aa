package dev.herald.endpoint.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.endpoint.settings.GithubSettings;
import dev.herald.endpoint.settings.JiraSettings;
import dev.herald.endpoint.settings.SlackSettings;
import dev.herald.endpoint.settings.SmtpSettings;
import dev.herald.endpoint.settings.TeamsSettings;
import dev.herald.endpoint.settings.WebhookSettings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {

    private static final String WEBHOOK_URL = "https://hooks.example.com/herald/whk_0123456789abcdef?token=t0k3n-in-query&team=sec";

    @Test
    void aPasswordIsRemovedWhereverItShows() {
        Redaction redaction = Redaction.of(new SmtpSettings("mail.example", 587, "a@example", "b@example", "mailer",
                "s3cr3t-smtp-pass", true, null, null));

        assertThat(redaction.apply("AuthenticationFailedException: 535 bad password s3cr3t-smtp-pass (s3cr3t-smtp-pass)"))
                .isEqualTo("AuthenticationFailedException: 535 bad password **** (****)");
    }

    @Test
    void aTokenIsRemoved() {
        Redaction redaction = Redaction.of(github("ghp_tokenAbc123"));

        assertThat(redaction.apply("GitHub answered 401: {\"echo\":\"Authorization: Bearer ghp_tokenAbc123\"}"))
                .isEqualTo("GitHub answered 401: {\"echo\":\"Authorization: Bearer ****\"}");
    }

    @Test
    void theBasicAuthorizationValueIsRemoved() {
        String basic = Base64.getEncoder().encodeToString("bot@acme.io:jira-pass-77".getBytes(StandardCharsets.UTF_8));
        Redaction jira = Redaction.of(new JiraSettings("https://acme.atlassian.net", "bot@acme.io", "jira-pass-77", "SEC",
                "Bug", null, null, List.of(), null, null));
        Redaction webhook = Redaction.of(new WebhookSettings("https://hooks.example.com/h", "bot@acme.io", "jira-pass-77", null, null, null, null, null, null));

        assertThat(jira.apply("Jira answered 401: you sent Basic " + basic)).isEqualTo("Jira answered 401: you sent Basic ****");
        assertThat(webhook.apply("HTTP 401: you sent Basic " + basic)).isEqualTo("HTTP 401: you sent Basic ****");
    }

    @Test
    void aWebhookUrlIsRemovedWholeAndByItsPathQueryAndTokens() {
        Redaction redaction = Redaction.of(new WebhookSettings(WEBHOOK_URL, null, null, null, null, null, null, null, null));

        assertThat(redaction.apply("POST " + WEBHOOK_URL + " failed")).isEqualTo("POST **** failed");
        assertThat(redaction.apply("HTTP 404: no route for /herald/whk_0123456789abcdef?token=t0k3n-in-query&team=sec"))
                .isEqualTo("HTTP 404: no route for ****");
        assertThat(redaction.apply("HTTP 404: no route for /herald/whk_0123456789abcdef")).isEqualTo("HTTP 404: no route for ****");
        assertThat(redaction.apply("HTTP 401: token t0k3n-in-query revoked")).isEqualTo("HTTP 401: token **** revoked");
        assertThat(redaction.apply("HTTP 410: hook whk_0123456789abcdef is gone")).isEqualTo("HTTP 410: hook **** is gone");
        // the host alone is no secret
        assertThat(redaction.apply("ConnectException: Connect to https://hooks.example.com:443 failed"))
                .isEqualTo("ConnectException: Connect to https://hooks.example.com:443 failed");
    }

    @Test
    void aQueryValueIsRemovedDecodedToo() {
        Redaction redaction = Redaction.of(new TeamsSettings(
                "https://prod.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=Zm9v%2Bbar%2Fbaz%3D", null, null));

        assertThat(redaction.apply("HTTP 401: bad sig Zm9v+bar/baz=")).isEqualTo("HTTP 401: bad sig ****");
        assertThat(redaction.apply("HTTP 401: bad sig Zm9v%2Bbar%2Fbaz%3D")).isEqualTo("HTTP 401: bad sig ****");
    }

    @Test
    void aSlackUrlsTokenSegmentIsRemoved() {
        Redaction redaction = Redaction.of(new SlackSettings("https://hooks.slack.com/services/T0001/B0002/XXslackTokenXX123456", null, null));

        assertThat(redaction.apply("WebhookResponse(code=403, message=invalid_token XXslackTokenXX123456)"))
                .isEqualTo("WebhookResponse(code=403, message=invalid_token ****)");
    }

    @Test
    void shortUrlPartsAreLeftAlone() {
        Redaction redaction = Redaction.of(new WebhookSettings("http://127.0.0.1:8080/", null, null, null, null, null, null, null, null));

        assertThat(redaction.apply("HTTP 500: see /docs/errors")).isEqualTo("HTTP 500: see /docs/errors");
    }

    @Test
    void aSecretCutShortAtTheEndOfAnExcerptIsRemoved() {
        Redaction redaction = Redaction.of(github("ghp_tokenAbc123"));

        assertThat(redaction.apply("GitHub answered 500: echo Bearer ghp_tok…")).isEqualTo("GitHub answered 500: echo Bearer ****…");
        assertThat(redaction.apply("HTTP 500: echo Bearer ghp_tokenAbc1")).isEqualTo("HTTP 500: echo Bearer ****");
        // three characters say nothing of the token, and are as likely the end of a word
        assertThat(redaction.apply("HTTP 500: ghp")).isEqualTo("HTTP 500: ghp");
    }

    @Test
    void aOneLetterPasswordMasksNoLetterOfAMessage() {
        Redaction redaction = Redaction.of(new WebhookSettings("https://hooks.example.com/h", "bot", "p", null, null, null, null, null, null));

        assertThat(redaction.apply("HTTP 500: upstream proxy timed out")).isEqualTo("HTTP 500: upstream proxy timed out");
    }

    @Test
    void aTextWhereAShortSecretStandsAsAWordIsLeftOutNotMasked() {
        Redaction redaction = Redaction.of(new SmtpSettings("mail.example", 587, "a@example", "b@example", "mailer", "pw12", true, null, null));

        assertThat(redaction.apply("535 password pw12 rejected")).isEqualTo(Redaction.LEFT_OUT);
        assertThat(redaction.apply("HTTP 401: {\"password\":\"pw12\"}")).isEqualTo(Redaction.LEFT_OUT);
        assertThat(redaction.apply("connection to mail.example:587 refused (spw123)")).isEqualTo("connection to mail.example:587 refused (spw123)");
    }

    @Test
    void aSecretOfEightCharactersOrMoreIsMaskedWholeAndTheRestKept() {
        Redaction redaction = Redaction.of(new SmtpSettings("mail.example", 587, "a@example", "b@example", "mailer", "pass1234", true, null, null));

        assertThat(redaction.apply("535 pass1234 is not the password; pass123 neither")).isEqualTo("535 **** is not the password; pass123 neither");
    }

    @Test
    void noTextIsNoText() {
        assertThat(Redaction.of(github("ghp_tokenAbc123")).apply(null)).isNull();
    }

    private static GithubSettings github(String token) {
        return new GithubSettings("https://api.github.com", "bot", token, "acme", "repo", null, List.of(), List.of(), null, null);
    }
}
