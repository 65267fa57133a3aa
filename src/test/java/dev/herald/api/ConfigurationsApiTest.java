package dev.herald.api;

import static dev.herald.support.ApiAssertions.assertBadRequest;
import static dev.herald.support.ApiAssertions.assertError;
import static dev.herald.support.ApiAssertions.assertNotFound;
import static dev.herald.support.ApiAssertions.assertRequired;
import static dev.herald.support.Json.body;
import static dev.herald.support.Json.elements;
import static dev.herald.support.Json.fieldNames;
import static dev.herald.support.Json.with;
import static dev.herald.support.Json.without;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.ApiTestBase;
import dev.herald.support.Json;
import dev.herald.support.Scenario;
import dev.herald.support.StoredSecrets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /v2/notifications/endpoints/{type}/configurations} on the real Main (DESIGN §5, §6 and the
 * Anchore spec): CRUD of the six endpoint types, secret masking, defaults, validation, 404s and
 * account isolation. Every test works in an account of its own.
 */
class ConfigurationsApiTest extends ApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MASK = "********";
    /** Standard Webhooks secrets: whsec_ and the base64 of 24 bytes, of 64 bytes. */
    private static final String SIGNING_SECRET = "whsec_c2lnbmluZy1zZWNyZXQtb2YtMjQtYnl0ZXM=";
    private static final String ROTATED_SIGNING_SECRET = "whsec_YSByb3RhdGVkIHNpZ25pbmcgc2VjcmV0IG9mIHNpeHR5LWZvdXIgYnl0ZXMsIHRoZSBsb25nZXN0IGFsbG93ZQ==";
    /** The fields every configuration shows; timeout_seconds and rate_limit_per_second only when set. */
    private static final Set<String> COMMON_FIELDS = Set.of("uuid", "description", "verify_tls", "enabled",
            "created_at", "last_updated", "status");

    // ---------------------------------------------------------------- the six types, end to end

    /**
     * One endpoint type: a body to create with, the type's fields as the API then shows them (secrets
     * masked), a replacing body and the fields shown after it.
     */
    record TypeCase(String type, Map<String, Object> create, Map<String, Object> shown,
                    Map<String, Object> update, Map<String, Object> shownAfterUpdate) {
        @Override
        public String toString() {
            return type;
        }
    }

    static Stream<TypeCase> validConfigurations() {
        return Stream.of(
                new TypeCase("smtp",
                        body("host", "smtp.example.com", "port", 587, "from", "herald@example.com",
                                "to", "sec@example.com, ops@example.com", "username", "mailer",
                                "password", "smtp-pass-7f3a", "use_tls", false),
                        body("host", "smtp.example.com", "port", 587, "from", "herald@example.com",
                                "to", "sec@example.com, ops@example.com", "username", "mailer",
                                "password", MASK, "use_tls", false),
                        body("host", "mail.example.org", "port", 465, "from", "alerts@example.org",
                                "to", "sec@example.org", "username", "mailer2", "use_tls", true),
                        body("host", "mail.example.org", "port", 465, "from", "alerts@example.org",
                                "to", "sec@example.org", "username", "mailer2", "password", MASK, "use_tls", true)),
                new TypeCase("slack",
                        body("url", "https://hooks.slack.com/services/T01/B02/slackToken7f3a"),
                        body("url", "https://hooks.slack.com/" + MASK),
                        body("url", "https://slack-proxy.example.org/services/T09/B08/slackToken9"),
                        body("url", "https://slack-proxy.example.org/" + MASK)),
                new TypeCase("teams",
                        body("url", "https://prod-42.westeurope.logic.azure.com/workflows/w1/triggers/manual/paths/invoke?sig=teamsSig7f3a"),
                        body("url", "https://prod-42.westeurope.logic.azure.com/" + MASK),
                        body("url", "https://acme.webhook.office.com/webhookb2/abc/IncomingWebhook/def/teamsSig9"),
                        body("url", "https://acme.webhook.office.com/" + MASK)),
                new TypeCase("github",
                        body("url", "https://github.example.com/api/v3", "username", "herald-bot",
                                "access_token", "ghp_token7f3a", "owner", "acme", "repository", "security-findings",
                                "milestone", 3, "labels", List.of("security", "herald"), "assignees", List.of("alice")),
                        body("url", "https://github.example.com/api/v3", "username", "herald-bot",
                                "access_token", MASK, "owner", "acme", "repository", "security-findings",
                                "milestone", 3, "labels", List.of("security", "herald"), "assignees", List.of("alice")),
                        // no access_token: an update keeps the stored one
                        body("url", "https://github.example.com/api/v3", "username", "herald-bot2",
                                "owner", "acme-sec", "repository", "findings",
                                "milestone", 4, "labels", List.of("sec"), "assignees", List.of("bob", "carol")),
                        body("url", "https://github.example.com/api/v3", "username", "herald-bot2",
                                "access_token", MASK, "owner", "acme-sec", "repository", "findings",
                                "milestone", 4, "labels", List.of("sec"), "assignees", List.of("bob", "carol"))),
                new TypeCase("jira",
                        body("url", "https://acme.atlassian.net", "username", "herald@acme.io", "password", "jira-token-7f3a",
                                "project_key", "SEC", "issue_type", "Bug", "priority", "High", "assignee", "alice",
                                "labels", List.of("herald")),
                        body("url", "https://acme.atlassian.net", "username", "herald@acme.io", "password", MASK,
                                "project_key", "SEC", "issue_type", "Bug", "priority", "High", "assignee", "alice",
                                "labels", List.of("herald")),
                        // no password: an update keeps the stored one
                        body("url", "https://jira.acme.io", "username", "bot@acme.io",
                                "project_key", "OPS", "issue_type", "Task", "priority", "Low", "assignee", "bob",
                                "labels", List.of("herald", "ops")),
                        body("url", "https://jira.acme.io", "username", "bot@acme.io", "password", MASK,
                                "project_key", "OPS", "issue_type", "Task", "priority", "Low", "assignee", "bob",
                                "labels", List.of("herald", "ops"))),
                new TypeCase("webhook",
                        body("url", "https://hooks.example.com/herald?team=sec", "username", "herald",
                                "password", "webhook-pass-7f3a", "verify_ssl", false),
                        body("url", "https://hooks.example.com/herald?team=sec", "username", "herald",
                                "password", MASK, "verify_ssl", false),
                        body("url", "https://hooks.example.com/v2/herald", "username", "herald2", "verify_ssl", true),
                        body("url", "https://hooks.example.com/v2/herald", "username", "herald2",
                                "password", MASK, "verify_ssl", true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validConfigurations")
    void aConfigurationIsCreatedReadListedReplacedAndDeleted(TypeCase c) {
        ApiClient api = scenario.newAccount();
        String configurations = configurations(c.type());

        ApiResponse created = api.post(configurations, with(c.create(), "description", c.type() + " for the security team"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode json = created.json();
        Set<String> expectedFields = new LinkedHashSet<>(COMMON_FIELDS);
        expectedFields.addAll(c.shown().keySet());
        assertThat(fieldNames(json)).containsExactlyInAnyOrderElementsOf(expectedFields);
        String uuid = json.get("uuid").asText();
        assertThat(UUID.fromString(uuid).toString()).isEqualTo(uuid);
        assertThat(json.get("description").asText()).isEqualTo(c.type() + " for the security team");
        assertThat(json.get("verify_tls").isBoolean()).isTrue();
        assertThat(json.get("verify_tls").booleanValue()).as("verify_tls defaults to true").isTrue();
        assertThat(json.get("enabled").booleanValue()).as("enabled defaults to true").isTrue();
        Instant createdAt = Instant.parse(json.get("created_at").asText());
        assertThat(Instant.parse(json.get("last_updated").asText())).isEqualTo(createdAt);
        assertShows(json, c.shown());

        ApiResponse read = api.get(configurations + "/" + uuid);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(json);

        ApiResponse listed = api.get(configurations);
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.json().isArray()).isTrue();
        assertThat(elements(listed.json())).containsExactly(json);

        Map<String, Object> replacement = with(with(c.update(), "description", c.type() + ", renamed"), "verify_tls", false);
        ApiResponse replaced = api.put(configurations + "/" + uuid, replacement);
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        JsonNode updated = replaced.json();
        assertThat(updated.get("uuid").asText()).isEqualTo(uuid);
        assertThat(updated.get("description").asText()).isEqualTo(c.type() + ", renamed");
        assertThat(updated.get("verify_tls").booleanValue()).isFalse();
        assertShows(updated, c.shownAfterUpdate());
        assertThat(Instant.parse(updated.get("created_at").asText())).isEqualTo(createdAt);
        assertThat(Instant.parse(updated.get("last_updated").asText())).isAfter(createdAt);
        assertThat(api.get(configurations + "/" + uuid).json()).isEqualTo(updated);
        assertThat(elements(api.get(configurations).json())).containsExactly(updated);

        ApiResponse status = api.get(configurations + "/" + uuid + "/status");
        assertThat(status.status()).as(status.toString()).isEqualTo(200);
        assertThat(status.json()).isEqualTo(JSON.valueToTree(Map.of("status", "unknown")));

        ApiResponse deleted = api.delete(configurations + "/" + uuid);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertNotFound(api.get(configurations + "/" + uuid));
        assertNotFound(api.get(configurations + "/" + uuid + "/status"));
        assertThat(elements(api.get(configurations).json())).isEmpty();
    }

    // ---------------------------------------------------------------- secrets

    /** A secret field of a type: a body holding it, how it is shown, a new value, whether "" may clear it. */
    record SecretCase(String type, Map<String, Object> create, String field, String mask, String newSecret,
                      boolean clearable) {
        String secret() {
            return (String) create.get(field);
        }

        @Override
        public String toString() {
            return type + " " + field;
        }
    }

    static Stream<SecretCase> secrets() {
        return Stream.of(
                new SecretCase("smtp", valid("smtp"), "password", MASK, "smtp-rotated-91c2", true),
                new SecretCase("webhook", valid("webhook"), "password", MASK, "webhook-rotated-91c2", true),
                new SecretCase("webhook", with(valid("webhook"), "signing_secret", SIGNING_SECRET), "signing_secret", MASK,
                        ROTATED_SIGNING_SECRET, true),
                new SecretCase("github", valid("github"), "access_token", MASK, "ghp_rotated91c2", false),
                new SecretCase("jira", valid("jira"), "password", MASK, "jira-rotated-91c2", false),
                new SecretCase("slack", valid("slack"), "url", "https://hooks.slack.com/" + MASK,
                        "https://hooks.slack.com/services/T01/B02/rotated91c2", false),
                new SecretCase("teams", valid("teams"), "url", "https://prod-42.westeurope.logic.azure.com/" + MASK,
                        "https://prod-42.westeurope.logic.azure.com/workflows/w2/triggers/manual/paths/invoke?sig=rotated91c2",
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void aSecretIsStoredButOnlyEverShownMasked(SecretCase c) {
        ApiClient api = scenario.newAccount();
        String configurations = configurations(c.type());

        ApiResponse created = api.post(configurations, c.create());
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String uuid = created.text("uuid");
        ApiResponse read = api.get(configurations + "/" + uuid);
        ApiResponse listed = api.get(configurations);
        for (ApiResponse answer : List.of(created, read, listed)) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.body()).doesNotContain(c.secret()).doesNotContain(secretPart(c.secret()));
        }
        assertThat(created.text(c.field())).isEqualTo(c.mask());
        assertThat(read.text(c.field())).isEqualTo(c.mask());
        assertThat(listed.json().get(0).get(c.field()).asText()).isEqualTo(c.mask());
        assertThat(storedSecret(uuid, c.field())).isEqualTo(c.secret());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void anUpdateThatOmitsTheSecretOrSendsTheMaskBackKeepsIt(SecretCase c) {
        ApiClient api = scenario.newAccount();
        String uuid = create(api, c.type(), c.create());
        String configuration = configurations(c.type()) + "/" + uuid;

        ApiResponse omitted = api.put(configuration, with(without(c.create(), c.field()), "description", "secret omitted"));
        assertThat(omitted.status()).as(omitted.toString()).isEqualTo(200);
        assertThat(omitted.text(c.field())).isEqualTo(c.mask());
        assertThat(omitted.body()).doesNotContain(secretPart(c.secret()));
        assertThat(storedSecret(uuid, c.field())).isEqualTo(c.secret());

        String shown = api.get(configuration).text(c.field());
        ApiResponse maskedBack = api.put(configuration, with(with(c.create(), c.field(), shown), "description", "mask sent back"));
        assertThat(maskedBack.status()).as(maskedBack.toString()).isEqualTo(200);
        assertThat(maskedBack.text(c.field())).isEqualTo(c.mask());
        assertThat(maskedBack.text("description")).isEqualTo("mask sent back");
        assertThat(storedSecret(uuid, c.field())).isEqualTo(c.secret());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void anUpdateWithANewSecretReplacesIt(SecretCase c) {
        ApiClient api = scenario.newAccount();
        String uuid = create(api, c.type(), c.create());
        String configuration = configurations(c.type()) + "/" + uuid;

        ApiResponse replaced = api.put(configuration, with(c.create(), c.field(), c.newSecret()));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.text(c.field())).isEqualTo(c.mask());
        assertThat(replaced.body()).doesNotContain(secretPart(c.newSecret())).doesNotContain(secretPart(c.secret()));
        assertThat(api.get(configuration).body()).doesNotContain(secretPart(c.newSecret()));
        assertThat(storedSecret(uuid, c.field())).isEqualTo(c.newSecret());
    }

    static Stream<SecretCase> clearableSecrets() {
        return secrets().filter(SecretCase::clearable);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clearableSecrets")
    void anEmptySecretClearsAnOptionalOne(SecretCase c) {
        ApiClient api = scenario.newAccount();
        String uuid = create(api, c.type(), c.create());
        String configuration = configurations(c.type()) + "/" + uuid;

        ApiResponse cleared = api.put(configuration, with(c.create(), c.field(), ""));
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.text(c.field())).isNull();
        assertThat(api.get(configuration).text(c.field())).isNull();
        assertThat(storedSecret(uuid, c.field())).isNull();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"github, access_token, ghp_token7f3a", "jira, password, jira-token-7f3a"})
    void theGithubTokenAndTheJiraPasswordAreNotRequiredOnUpdate(String type, String field, String secret) {
        ApiClient api = scenario.newAccount();
        String uuid = create(api, type, valid(type));

        ApiResponse updated = api.put(configurations(type) + "/" + uuid, with(without(valid(type), field), "description", "no secret"));

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.text("description")).isEqualTo("no secret");
        assertThat(updated.text(field)).isEqualTo(MASK);
        assertThat(storedSecret(uuid, field)).isEqualTo(secret);
    }

    // ---------------------------------------------------------------- defaults

    @Test
    void theGithubUrlDefaultsToTheGithubApi() {
        ApiClient api = scenario.newAccount();
        ApiResponse created = api.post(configurations("github"), without(valid("github"), "url"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.text("url")).isEqualTo("https://api.github.com");
        assertThat(api.get(configurations("github") + "/" + created.text("uuid")).text("url")).isEqualTo("https://api.github.com");
    }

    @Test
    void smtpUsesTlsUnlessToldOtherwise() {
        ApiClient api = scenario.newAccount();
        ApiResponse created = api.post(configurations("smtp"), without(valid("smtp"), "use_tls"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().get("use_tls").isBoolean()).isTrue();
        assertThat(created.json().get("use_tls").booleanValue()).isTrue();
        assertThat(api.get(configurations("smtp") + "/" + created.text("uuid")).json().get("use_tls").booleanValue()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"smtp", "slack", "teams", "github", "jira", "webhook"})
    void timeoutSecondsIsUnsetUnlessGivenAndAnUpdateReplacesIt(String type) {
        ApiClient api = scenario.newAccount();
        String uuid = create(api, type, valid(type));
        String configuration = configurations(type) + "/" + uuid;
        assertThat(api.get(configuration).json().has("timeout_seconds")).as("left out: the herald.http.* defaults apply").isFalse();

        ApiResponse longest = api.put(configuration, with(valid(type), "timeout_seconds", 300));
        assertThat(longest.status()).as(longest.toString()).isEqualTo(200);
        assertThat(longest.json().get("timeout_seconds").asInt()).isEqualTo(300);
        assertThat(api.get(configuration).json().get("timeout_seconds").asInt()).isEqualTo(300);

        assertThat(api.put(configuration, with(valid(type), "timeout_seconds", 1)).json().get("timeout_seconds").asInt())
                .isEqualTo(1);
        assertThat(api.put(configuration, valid(type)).json().has("timeout_seconds")).isFalse();
        assertThat(api.get(configuration).json().has("timeout_seconds")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"smtp", "slack", "teams", "github", "jira", "webhook"})
    void rateLimitPerSecondIsUnsetUnlessGivenAndAnUpdateReplacesIt(String type) {
        ApiClient api = scenario.newAccount();
        String uuid = create(api, type, valid(type));
        String configuration = configurations(type) + "/" + uuid;
        assertThat(api.get(configuration).json().has("rate_limit_per_second")).as("left out: the type's default applies").isFalse();

        ApiResponse limited = api.put(configuration, with(valid(type), "rate_limit_per_second", 1000));
        assertThat(limited.status()).as(limited.toString()).isEqualTo(200);
        assertThat(limited.json().get("rate_limit_per_second").asInt()).isEqualTo(1000);
        assertThat(api.get(configuration).json().get("rate_limit_per_second").asInt()).isEqualTo(1000);

        assertThat(api.put(configuration, valid(type)).json().has("rate_limit_per_second")).isFalse();
        assertThat(api.get(configuration).json().has("rate_limit_per_second")).isFalse();
    }

    @Test
    void aGeneratedSigningSecretIsAnsweredInPlainOnceAndMaskedEverAfter() {
        ApiClient api = scenario.newAccount();
        String configurations = configurations("webhook");

        ApiResponse created = api.post(configurations, with(valid("webhook"), "signing_secret", "generate"));

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String generated = created.text("signing_secret");
        assertThat(generated).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(generated.substring("whsec_".length()))).hasSize(32);
        String uuid = created.text("uuid");
        assertThat(storedSecret(uuid, "signing_secret")).isEqualTo(generated);
        assertThat(api.get(configurations + "/" + uuid).text("signing_secret")).isEqualTo(MASK);
        assertThat(api.get(configurations).body()).doesNotContain(generated);
        ApiResponse unchanged = api.put(configurations + "/" + uuid, with(valid("webhook"), "description", "kept"));
        assertThat(unchanged.text("signing_secret")).isEqualTo(MASK);

        ApiResponse regenerated = api.put(configurations + "/" + uuid, with(valid("webhook"), "signing_secret", "generate"));
        assertThat(regenerated.text("signing_secret")).startsWith("whsec_").isNotEqualTo(generated);
        assertThat(storedSecret(uuid, "signing_secret")).isEqualTo(regenerated.text("signing_secret"));
    }

    @Test
    void aRotatedSigningSecretIsKeptEncryptedBesideTheNewOneAndNeverAnswered() {
        ApiClient api = scenario.newAccount();
        String uuid = create(api, "webhook", with(valid("webhook"), "signing_secret", SIGNING_SECRET));
        String configuration = configurations("webhook") + "/" + uuid;

        ApiResponse rotated = api.put(configuration, with(valid("webhook"), "signing_secret", ROTATED_SIGNING_SECRET));

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(storedSecret(uuid, "signing_secret")).isEqualTo(ROTATED_SIGNING_SECRET);
        assertThat(storedSecret(uuid, "previous_signing_secret")).isEqualTo(SIGNING_SECRET);
        for (ApiResponse answer : List.of(rotated, api.get(configuration), api.get(configurations("webhook")))) {
            assertThat(answer.body()).doesNotContain("previous_signing_secret").doesNotContain("signing_secret_replaced_at")
                    .doesNotContain(SIGNING_SECRET).doesNotContain(ROTATED_SIGNING_SECRET);
        }
        assertBadRequest(api.put(configuration, with(valid("webhook"), "previous_signing_secret", SIGNING_SECRET)),
                "previous_signing_secret", "is not a known field");
    }

    @Test
    void aWebhooksBodyTemplateAndHeadersAreShownAsSavedAndAReplacementWithoutThemClearsThem() {
        ApiClient api = scenario.newAccount();
        Map<String, Object> templated = with(with(valid("webhook"), "body_template", "{\"text\": \"{{message}}\"}"),
                "headers", Map.of("X-Routing-Team", "security"));

        ApiResponse created = api.post(configurations("webhook"), templated);

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String configuration = configurations("webhook") + "/" + created.text("uuid");
        assertShows(api.get(configuration).json(), Map.of("body_template", "{\"text\": \"{{message}}\"}",
                "headers", Map.of("X-Routing-Team", "security")));
        JsonNode replaced = api.put(configuration, valid("webhook")).json();
        assertThat(replaced.has("body_template") || replaced.has("headers")).as(replaced.toString()).isFalse();
    }

    @Test
    void theWebhookVerifySslStaysUnsetUnlessGiven() {
        ApiClient api = scenario.newAccount();
        ApiResponse created = api.post(configurations("webhook"), body("url", "https://hooks.example.com/in"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().has("verify_ssl")).as(created.toString()).isFalse();
        assertThat(created.json().get("verify_tls").booleanValue()).isTrue();
        JsonNode read = api.get(configurations("webhook") + "/" + created.text("uuid")).json();
        assertThat(read.has("verify_ssl")).as(read.toString()).isFalse();
    }

    // ---------------------------------------------------------------- required fields

    @ParameterizedTest(name = "{0} without {1}")
    @CsvSource({
            "smtp, host", "smtp, port", "smtp, from", "smtp, to",
            "slack, url",
            "teams, url",
            "github, username", "github, access_token", "github, owner", "github, repository",
            "jira, url", "jira, username", "jira, password", "jira, project_key", "jira, issue_type",
            "webhook, url"})
    void aCreateWithoutARequiredFieldIsRefused(String type, String field) {
        ApiClient api = scenario.newAccount();

        ApiResponse refused = api.post(configurations(type), without(valid(type), field));

        assertRequired(refused, field);
        assertThat(elements(api.get(configurations(type)).json())).as("nothing was created").isEmpty();
    }

    @ParameterizedTest(name = "{0} without {1}")
    @CsvSource({
            "smtp, host", "smtp, port", "smtp, from", "smtp, to",
            "github, username", "github, owner", "github, repository",
            "jira, url", "jira, username", "jira, project_key", "jira, issue_type",
            "webhook, url"})
    void anUpdateWithoutARequiredFieldIsRefusedAndChangesNothing(String type, String field) {
        ApiClient api = scenario.newAccount();
        String uuid = create(api, type, valid(type));
        JsonNode before = api.get(configurations(type) + "/" + uuid).json();

        ApiResponse refused = api.put(configurations(type) + "/" + uuid, with(without(valid(type), field), "description", "changed"));

        assertRequired(refused, field);
        assertThat(api.get(configurations(type) + "/" + uuid).json()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- bad values

    static Stream<Arguments> badValues() {
        List<String> twentyOneLabels = IntStream.rangeClosed(1, 21).mapToObj(i -> "label-" + i).toList();
        return Stream.of(
                Arguments.of("webhook", "description", "d".repeat(251)),
                Arguments.of("webhook", "verify_tls", "yes"),
                Arguments.of("webhook", "enabled", "no"),
                Arguments.of("webhook", "url", "ftp://x"),
                Arguments.of("webhook", "url", "not a url"),
                Arguments.of("webhook", "url", "http://user:pass@host/x"),
                Arguments.of("webhook", "url", "http://host/{{env:SECRET}}"),
                Arguments.of("jira", "url", "ftp://x"),
                Arguments.of("github", "url", "http://user:pass@host/x"),
                Arguments.of("slack", "url", "ftp://x"),
                Arguments.of("slack", "url", "http://host/{{env:SECRET}}"),
                Arguments.of("teams", "url", "not a url"),
                Arguments.of("smtp", "port", 0),
                Arguments.of("smtp", "port", 70000),
                Arguments.of("smtp", "port", "25"),
                Arguments.of("smtp", "port", 25.5),
                Arguments.of("smtp", "to", "a@b.c, not-an-address"),
                Arguments.of("smtp", "from", "x@y\r\nBcc: evil@z"),
                Arguments.of("github", "milestone", -1),
                Arguments.of("github", "labels", "security"),
                Arguments.of("github", "labels", twentyOneLabels),
                Arguments.of("github", "assignees", IntStream.rangeClosed(1, 11).mapToObj(i -> "user-" + i).toList()),
                Arguments.of("jira", "labels", twentyOneLabels),
                Arguments.of("jira", "project_key", "bad key"),
                Arguments.of("github", "username", "u".repeat(256)),
                Arguments.of("jira", "issue_type", "t".repeat(101)),
                Arguments.of("smtp", "host", "h".repeat(254)),
                Arguments.of("webhook", "url", "https://hooks.example.com/" + "p".repeat(2048)),
                Arguments.of("webhook", "timeout_seconds", 0),
                Arguments.of("webhook", "signing_secret", "not-a-signing-secret"),
                Arguments.of("webhook", "signing_secret", "whsec_dG9vIHNob3J0"),
                Arguments.of("webhook", "signing_secret", "whsec_!!not base64!!"),
                Arguments.of("webhook", "signing_secret", 42),
                Arguments.of("webhook", "body_template", "{\"a\": {{message}}}"),
                Arguments.of("webhook", "body_template", "{\"a\": \"{{#policy}}\"}"),
                Arguments.of("webhook", "body_template", 7),
                Arguments.of("webhook", "headers", List.of("X-A")),
                Arguments.of("webhook", "timeout_seconds", 301),
                Arguments.of("smtp", "timeout_seconds", "30"),
                Arguments.of("teams", "timeout_seconds", 2.5),
                Arguments.of("jira", "timeout_seconds", true),
                Arguments.of("slack", "rate_limit_per_second", 0),
                Arguments.of("webhook", "rate_limit_per_second", 1001),
                Arguments.of("teams", "rate_limit_per_second", 0.5),
                Arguments.of("github", "rate_limit_per_second", "5"),
                // unknown fields: a misspelling, and another type's field, would otherwise do nothing
                Arguments.of("webhook", "verfy_tls", false),
                Arguments.of("smtp", "usename", "mailer"),
                Arguments.of("slack", "verify_ssl", false),
                Arguments.of("github", "priority", "High"),
                Arguments.of("jira", "milestone", 3),
                Arguments.of("teams", "webhook_url", "https://example.com/hook"));
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("badValues")
    void aBadValueIsRefusedNamingTheFieldAndChangesNothing(String type, String field, Object value) {
        ApiClient api = scenario.newAccount();
        String uuid = create(api, type, valid(type));
        String configuration = configurations(type) + "/" + uuid;
        JsonNode before = api.get(configuration).json();

        assertBadRequest(api.post(configurations(type), with(valid(type), field, value)), field);
        assertBadRequest(api.put(configuration, with(with(valid(type), "description", "changed"), field, value)), field);

        assertThat(api.get(configuration).json()).isEqualTo(before);
        assertThat(elements(api.get(configurations(type)).json())).containsExactly(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"smtp", "slack", "teams", "github", "jira", "webhook"})
    void aConfigurationReadAndSentBackAsItIsIsAccepted(String type) {
        ApiClient api = scenario.newAccount();
        String configuration = configurations(type) + "/" + create(api, type, valid(type));
        JsonNode read = api.get(configuration).json();

        ApiResponse sentBack = api.put(configuration, read);

        assertThat(sentBack.status()).as(sentBack.toString()).isEqualTo(200);
        assertThat(without(JSON.convertValue(sentBack.json(), Map.class), "last_updated"))
                .isEqualTo(without(JSON.convertValue(read, Map.class), "last_updated"));
    }

    @Test
    void aBodyThatIsAJsonArrayIsRefusedAndChangesNothing() {
        ApiClient api = scenario.newAccount();
        String uuid = create(api, "webhook", valid("webhook"));
        String configuration = configurations("webhook") + "/" + uuid;
        JsonNode before = api.get(configuration).json();
        String array = Json.write(List.of(valid("webhook")));

        for (ApiResponse refused : List.of(
                api.send("POST", configurations("webhook"), array, "application/json"),
                api.send("PUT", configuration, array, "application/json"))) {
            assertBadRequest(refused, "body");
        }
        assertThat(elements(api.get(configurations("webhook")).json())).containsExactly(before);
    }

    @Test
    void malformedJsonIsRefusedAndChangesNothing() {
        ApiClient api = scenario.newAccount();
        String uuid = create(api, "webhook", valid("webhook"));
        String configuration = configurations("webhook") + "/" + uuid;
        JsonNode before = api.get(configuration).json();
        String malformed = "{\"url\": \"https://hooks.example.com/x\", \"description\": ";

        for (ApiResponse refused : List.of(
                api.send("POST", configurations("webhook"), malformed, "application/json"),
                api.send("PUT", configuration, malformed, "application/json"))) {
            assertError(refused, 400, "BadRequest");
            assertThat(refused.text("message")).containsIgnoringCase("JSON");
        }
        assertThat(elements(api.get(configurations("webhook")).json())).containsExactly(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"text/plain", "application/xml", "application/x-www-form-urlencoded"})
    void aBodyThatIsNotJsonIsRefusedWith415AndChangesNothing(String contentType) {
        ApiClient api = scenario.newAccount();
        String uuid = create(api, "webhook", valid("webhook"));
        String configuration = configurations("webhook") + "/" + uuid;
        JsonNode before = api.get(configuration).json();
        String body = Json.write(with(valid("webhook"), "description", "changed"));

        for (ApiResponse refused : List.of(
                api.send("POST", configurations("webhook"), body, contentType),
                api.send("PUT", configuration, body, contentType))) {
            assertError(refused, 415, "UnsupportedMediaType");
        }
        assertThat(elements(api.get(configurations("webhook")).json())).containsExactly(before);
    }

    // ---------------------------------------------------------------- what does not exist

    @Test
    void anUnknownEndpointTypeIsNotFoundAndNamed() {
        ApiClient api = scenario.newAccount();
        String uuid = create(api, "webhook", valid("webhook"));

        for (ApiResponse answer : List.of(
                api.get("/v2/notifications/endpoints/foo/configurations"),
                api.post("/v2/notifications/endpoints/foo/configurations", valid("webhook")),
                api.get("/v2/notifications/endpoints/foo/configurations/" + uuid))) {
            assertNotFound(answer);
            assertThat(answer.text("message")).contains("foo");
        }
        assertThat(elements(api.get(configurations("webhook")).json())).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"smtp", "slack", "teams", "github", "jira", "webhook"})
    void anUnknownConfigurationIsNotFound(String type) {
        ApiClient api = scenario.newAccount();
        String unknown = configurations(type) + "/" + UUID.randomUUID();

        assertNotFound(api.get(unknown));
        assertNotFound(api.put(unknown, valid(type)));
        assertNotFound(api.delete(unknown));
        assertNotFound(api.get(unknown + "/status"));
        assertThat(elements(api.get(configurations(type)).json())).as("a PUT does not create").isEmpty();
    }

    @Test
    void aConfigurationAddressedUnderAnotherTypeIsNotFound() {
        ApiClient api = scenario.newAccount();
        String slack = create(api, "slack", valid("slack"));
        JsonNode before = api.get(configurations("slack") + "/" + slack).json();
        String asWebhook = configurations("webhook") + "/" + slack;

        assertNotFound(api.get(asWebhook));
        assertNotFound(api.put(asWebhook, valid("webhook")));
        assertNotFound(api.get(asWebhook + "/status"));
        assertNotFound(api.delete(asWebhook));

        assertThat(api.get(configurations("slack") + "/" + slack).json()).isEqualTo(before);
        assertThat(elements(api.get(configurations("webhook")).json())).isEmpty();
    }

    // ---------------------------------------------------------------- accounts

    @Test
    void anotherAccountsConfigurationDoesNotExistForAnAccount() {
        ApiClient owner = scenario.newAccount();
        ApiClient stranger = scenario.newAccount();
        String uuid = create(owner, "webhook", valid("webhook"));
        String configuration = configurations("webhook") + "/" + uuid;
        JsonNode before = owner.get(configuration).json();

        assertNotFound(stranger.get(configuration));
        assertNotFound(stranger.put(configuration, with(valid("webhook"), "description", "taken over")));
        assertNotFound(stranger.get(configuration + "/status"));
        assertNotFound(stranger.get(configuration + "/selectors"));
        assertNotFound(stranger.post(configuration + "/selectors",
                Scenario.selector("account", "*", "*", "*")));
        assertNotFound(stranger.delete(configuration));
        assertThat(elements(stranger.get(configurations("webhook")).json())).isEmpty();
        assertThat(elements(herald.api().get(configurations("webhook")).json()))
                .as("not in the admin account's own list either")
                .noneMatch(node -> node.get("uuid").asText().equals(uuid));

        ApiResponse stillThere = owner.get(configuration);
        assertThat(stillThere.status()).as(stillThere.toString()).isEqualTo(200);
        assertThat(stillThere.json()).isEqualTo(before);
        assertThat(elements(owner.get(configuration + "/selectors").json())).isEmpty();
    }

    // ---------------------------------------------------------------- bodies and helpers

    /** A minimal valid body per type; the secrets are the ones the secret tests look for. */
    static Map<String, Object> valid(String type) {
        return switch (type) {
            case "smtp" -> body("host", "smtp.example.com", "port", 25, "from", "herald@example.com",
                    "to", "sec@example.com", "username", "mailer", "password", "smtp-pass-7f3a");
            case "slack" -> body("url", "https://hooks.slack.com/services/T01/B02/slackToken7f3a");
            case "teams" -> body("url", "https://prod-42.westeurope.logic.azure.com/workflows/w1/triggers/manual/paths/invoke?sig=teamsSig7f3a");
            case "github" -> body("url", "https://github.example.com/api/v3", "username", "herald-bot",
                    "access_token", "ghp_token7f3a", "owner", "acme", "repository", "security-findings");
            case "jira" -> body("url", "https://acme.atlassian.net", "username", "herald@acme.io",
                    "password", "jira-token-7f3a", "project_key", "SEC", "issue_type", "Bug");
            case "webhook" -> body("url", "https://hooks.example.com/herald", "username", "herald",
                    "password", "webhook-pass-7f3a");
            default -> throw new IllegalArgumentException(type);
        };
    }

    static String configurations(String type) {
        return "/v2/notifications/endpoints/" + type + "/configurations";
    }

    static String create(ApiClient api, String type, Map<String, Object> body) {
        ApiResponse created = api.post(configurations(type), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.text("uuid");
    }

    /**
     * The secret as stored in the configuration's settings (JSON text in the database): encrypted,
     * so the column never holds it in plaintext, and decrypting to the secret.
     */
    static String storedSecret(String uuid, String field) {
        String secret = StoredSecrets.decrypted(herald.database().jdbi(), uuid, field);
        if (secret != null) {
            assertThat(StoredSecrets.settingsColumn(herald.database().jdbi(), uuid)).doesNotContain(secretPart(secret));
        }
        return secret;
    }

    /** The part of a secret that must never show: the whole of a password, the path and query of a URL. */
    static String secretPart(String secret) {
        int path = secret.indexOf('/', secret.indexOf("://") + 3);
        return secret.startsWith("http") && path > 0 ? secret.substring(path + 1) : secret;
    }

    static void assertShows(JsonNode json, Map<String, Object> fields) {
        fields.forEach((name, value) ->
                assertThat(json.get(name)).as(name + " in " + json).isEqualTo(JSON.valueToTree(value)));
    }
}
