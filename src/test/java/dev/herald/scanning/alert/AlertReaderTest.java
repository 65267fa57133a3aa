package dev.herald.scanning.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.validation.FieldError;
import dev.herald.validation.InvalidInputException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading an alert from a request body: defaults, Sysdig's fields, and every rule with the field it names. */
class AlertReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL = "6b1f0c52-0d44-4c56-9a3e-3f0e1c2d4b5a";
    private static final String OTHER_CHANNEL = "0e0c9a7d-5d55-4d3c-8d0c-2a7a3b1f6e11";
    private static final Set<String> ACCOUNT_CHANNELS = Set.of(CHANNEL, OTHER_CHANNEL);

    private static JsonNode body(String json) {
        try {
            return JSON.readTree(json.replace('`', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static AlertSettings read(String json) {
        return AlertReader.read(body(json), ACCOUNT_CHANNELS);
    }

    @Test
    void aRuntimeAlertTakesItsDefaults() {
        AlertSettings alert = read("{`name`: `Unscanned in prod`, `scope`: `kubernetes.namespace.name = 'prod'`}");

        assertThat(alert).isEqualTo(new AlertSettings("Unscanned in prod", "", true, AlertType.RUNTIME,
                "kubernetes.namespace.name = 'prod'", List.of(), Set.of(Trigger.UNSCANNED), false, List.of(),
                EchoedSysdigFields.NONE));
    }

    @Test
    void aRepositoryAlertWithoutTriggersFiresOnNewImagesAnalysed() {
        AlertSettings alert = read("{`name`: `acme`, `type`: `repository`, `repositories`: "
                + "[{`registry`: `docker.io`, `repository`: `acme/*`, `tag`: `*`}]}");

        assertThat(alert.type()).isEqualTo(AlertType.REPOSITORY);
        assertThat(alert.triggers()).containsExactly(Trigger.ANALYSIS_UPDATE);
        assertThat(alert.repositories()).containsExactly(new RepositoryPattern("docker.io", "acme/*", "*"));
        assertThat(alert.scope()).isEmpty();
    }

    @Test
    void everyFieldIsReadAndSysdigsOwnAreKept() {
        AlertSettings alert = read("{`alertId`: `ignored`, `createdAt`: `ignored`, `updatedAt`: `ignored`, "
                + "`name`: `n`, `description`: `d`, `enabled`: false, `type`: `repository`, `scope`: ``, "
                + "`repositories`: [{`registry`: `quay.io`, `repository`: `acme/api`, `tag`: `1.*`}, "
                + "{`registry`: `docker.io`, `repository`: `nginx`, `tag`: `latest`}], "
                + "`triggers`: {`unscanned`: false, `analysis_update`: true, `policy_eval`: true, `vuln_update`: true, `failed`: true}, "
                + "`onlyPassFail`: true, `autoscan`: true, `skipEventSend`: true, "
                + "`notificationChannelIds`: [`" + OTHER_CHANNEL + "`, `" + CHANNEL + "`]}");

        assertThat(alert).isEqualTo(new AlertSettings("n", "d", false, AlertType.REPOSITORY, "",
                List.of(new RepositoryPattern("quay.io", "acme/api", "1.*"), new RepositoryPattern("docker.io", "nginx", "latest")),
                Set.of(Trigger.ANALYSIS_UPDATE, Trigger.POLICY_EVAL, Trigger.VULN_UPDATE), true, List.of(OTHER_CHANNEL, CHANNEL),
                new EchoedSysdigFields(true, true, true)));
    }

    @Test
    void aRuntimeAlertSentBackWithAnEmptyRepositoryListIsAccepted() {
        AlertSettings alert = read("{`name`: `n`, `type`: `runtime`, `scope`: ``, `repositories`: [], "
                + "`triggers`: {`unscanned`: true, `analysis_update`: false, `policy_eval`: false, `vuln_update`: false, `failed`: false}}");

        assertThat(alert.repositories()).isEmpty();
        assertThat(alert.triggers()).containsExactly(Trigger.UNSCANNED);
    }

    /** Each rule, with the field it names and the problem it states. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            {}                                                                                   | name                      | is required
            {`name`: ``}                                                                         | name                      | must not be empty
            {`name`: `n`, `type`: `image`}                                                       | type                      | must be one of runtime, repository
            {`name`: `n`, `colour`: `red`}                                                       | colour                    | is not a known field
            {`name`: `n`, `scope`: `kubernetes.namespace.name is 'prod'`}                        | scope                     | expected '=', '!=' or 'in' at position 27 near "is"
            {`name`: `n`, `repositories`: [{`registry`: `docker.io`, `repository`: `a`, `tag`: `1`}]} | repositories         | must be empty for a runtime alert, which takes a scope
            {`name`: `n`, `type`: `repository`}                                                  | repositories              | must name at least one repository for a repository alert
            {`name`: `n`, `type`: `repository`, `repositories`: []}                              | repositories              | must name at least one repository for a repository alert
            {`name`: `n`, `type`: `repository`, `scope`: `a = 'b'`, `repositories`: [{`registry`: `r.io`, `repository`: `a`, `tag`: `1`}]} | scope | applies to runtime alerts only; a repository alert takes repositories
            {`name`: `n`, `type`: `repository`, `repositories`: [{`repository`: `a`, `tag`: `1`}]} | repositories[0].registry | is required
            {`name`: `n`, `type`: `repository`, `repositories`: [{`registry`: `r.io`, `repository`: `a b`, `tag`: `1`}]} | repositories[0].repository | must be a repository path such as acme/api, * matching any characters
            {`name`: `n`, `type`: `repository`, `repositories`: [{`registry`: `r.io`, `repository`: `a`, `tag`: `1`, `digest`: `x`}]} | repositories[0].digest | is not a known field
            {`name`: `n`, `type`: `repository`, `repositories`: [`docker.io/a`]}                 | repositories[0]           | must be a JSON object
            {`name`: `n`, `triggers`: {`unscanned`: false}}                                      | triggers                  | must set at least one of unscanned, analysis_update, policy_eval, vuln_update to true
            {`name`: `n`, `triggers`: {`failed`: true}}                                          | triggers                  | must set at least one of unscanned, analysis_update, policy_eval, vuln_update to true
            {`name`: `n`, `triggers`: {`unscanned`: true, `new_cve`: true}}                      | triggers.new_cve          | is not a known field
            {`name`: `n`, `triggers`: {`unscanned`: `yes`}}                                      | triggers.unscanned        | must be true or false
            {`name`: `n`, `onlyPassFail`: true}                                                  | onlyPassFail              | applies only with triggers.policy_eval (Scan Result Change)
            {`name`: `n`, `notificationChannelIds`: [`not-a-channel`]}                           | notificationChannelIds[0] | is not an endpoint configuration of this account
            {`name`: `n`, `type`: `repository`, `repositories`: [{`registry`: `*`, `repository`: `acme/api`, `tag`: `1`}], `triggers`: {`policy_eval`: true}} | triggers.policy_eval | is not allowed when a repository has a wildcard in its registry or repository (* / acme/api): only analysis_update is
            {`name`: `n`, `type`: `repository`, `repositories`: [{`registry`: `docker.io`, `repository`: `acme/*`, `tag`: `1`}], `triggers`: {`analysis_update`: true, `vuln_update`: true}} | triggers.vuln_update | is not allowed when a repository has a wildcard in its registry or repository (docker.io / acme/*): only analysis_update is
            {`name`: `n`, `type`: `repository`, `repositories`: [{`registry`: `docker.io`, `repository`: `acme/*`, `tag`: `1`}], `triggers`: {`unscanned`: true}} | triggers.unscanned | is not allowed when a repository has a wildcard in its registry or repository (docker.io / acme/*): only analysis_update is
            """)
    void aRuleBrokenIsReportedOnItsField(String json, String field, String problem) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors()).contains(new FieldError(field, problem)));
    }

    @Test
    void aChannelListedTwiceIsRefused() {
        assertThatThrownBy(() -> read("{`name`: `n`, `notificationChannelIds`: [`" + CHANNEL + "`, `" + CHANNEL + "`]}"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("notificationChannelIds[1]", "is listed twice")));
    }

    @Test
    void aWildcardOnlyInTheTagAllowsEveryTrigger() {
        AlertSettings alert = read("{`name`: `n`, `type`: `repository`, `repositories`: "
                + "[{`registry`: `docker.io`, `repository`: `acme/api`, `tag`: `*`}], "
                + "`triggers`: {`analysis_update`: true, `policy_eval`: true, `vuln_update`: true}, `onlyPassFail`: true}");

        assertThat(alert.triggers()).containsExactlyInAnyOrder(Trigger.ANALYSIS_UPDATE, Trigger.POLICY_EVAL, Trigger.VULN_UPDATE);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> read("{`name`: ``, `type`: `repository`, `enabled`: `yes`, `notificationChannelIds`: [`x`]}"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .contains("name", "enabled", "repositories", "notificationChannelIds[0]"));
    }

    @Test
    void aNameCopiedIsCutToTheLongestAllowedWithoutSplittingACharacter() {
        AlertSettings alert = read("{`name`: `" + "x".repeat(245) + "🔥🔥`}");

        assertThat(alert.copy().name()).isEqualTo("Copy of " + "x".repeat(245) + "🔥");
        assertThat(read("{`name`: `" + "x".repeat(246) + "🔥`}").copy().name()).isEqualTo("Copy of " + "x".repeat(246));
        assertThat(read("{`name`: `prod`}").copy().name()).isEqualTo("Copy of prod");
    }
}
