package dev.herald.scanning.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.scanning.ImageReference;
import dev.herald.scanning.RuntimeLabels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Which channels the alerts of an account send an event to. */
class AlertMatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACME = "acme";
    private static final String SLACK = "c-slack";
    private static final String WEBHOOK = "c-webhook";
    private static final String OTHERS = "c-of-another-account";
    private static final String DELETED = "c-deleted";
    private static final Map<String, String> CHANNEL_ACCOUNTS = Map.of(SLACK, ACME, WEBHOOK, ACME, OTHERS, "globex");
    private static final RuntimeLabels NOWHERE = (account, image) -> List.of();
    private static final List<String> TYPES = Arrays.stream(Trigger.values()).map(Trigger::eventType).toList();

    // ---------------------------------------------------------------- building alerts and events

    private static Alert alert(String account, AlertType type, String scope, List<RepositoryPattern> repositories,
            Set<Trigger> triggers, boolean onlyPassFail, List<String> channels, boolean enabled) {
        AlertSettings settings = new AlertSettings("alert", "", enabled, type, scope, repositories, triggers, onlyPassFail,
                channels, EchoedSysdigFields.NONE);
        return new Alert("alert-" + System.nanoTime(), account, settings, Instant.EPOCH, Instant.EPOCH);
    }

    private static Alert repositoryAlert(String registry, String repository, String tag, Trigger... triggers) {
        return alert(ACME, AlertType.REPOSITORY, "", List.of(new RepositoryPattern(registry, repository, tag)),
                EnumSet.copyOf(List.of(triggers)), false, List.of(WEBHOOK), true);
    }

    private static Alert runtimeAlert(String scope, Trigger... triggers) {
        return alert(ACME, AlertType.RUNTIME, scope, List.of(), EnumSet.copyOf(List.of(triggers)), false, List.of(SLACK), true);
    }

    private static JsonNode details(String json) {
        try {
            return JSON.readTree(json.replace('`', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ScanningEvent event(String type, String resourceId, String detailsJson) {
        return ScanningEvent.read(type, resourceId, details(detailsJson)).orElseThrow();
    }

    private static ScanningEvent event(Trigger trigger, String reference) {
        return event(trigger.eventType(), reference, "{}");
    }

    private static ScanningEvent policyChange(String last, String current) {
        return event(Trigger.POLICY_EVAL.eventType(), "docker.io/acme/api:1.0", "{`last_eval`: {`status`: `" + last
                + "`}, `curr_eval`: {`status`: `" + current + "`}, `subscription_type`: `policy_eval`}");
    }

    private static ScanningEvent unscanned(String labelsJson) {
        return event(Trigger.UNSCANNED.eventType(), "docker.io/acme/api:1.0", "{`image`: {`registry`: `docker.io`, "
                + "`repository`: `acme/api`, `tag`: `1.0`}, `runtime`: {`labels`: " + labelsJson + "}}");
    }

    private static Set<String> match(List<Alert> alerts, ScanningEvent event) {
        return match(alerts, event, NOWHERE);
    }

    private static Set<String> match(List<Alert> alerts, ScanningEvent event, RuntimeLabels labels) {
        return AlertMatcher.compile(alerts, CHANNEL_ACCOUNTS).match(ACME, event, labels).keySet();
    }

    // ---------------------------------------------------------------- triggers

    static Stream<Arguments> triggersAndTypes() {
        return Arrays.stream(Trigger.values()).flatMap(trigger -> Stream.concat(TYPES.stream(),
                        Stream.of("user.image.analysis.failed", "system.test.random_wisdom"))
                .map(type -> Arguments.of(trigger, type)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("triggersAndTypes")
    void anAlertFiresOnlyOnTheEventTypeOfItsTrigger(Trigger trigger, String type) {
        AlertMatcher matcher = AlertMatcher.compile(List.of(repositoryAlert("docker.io", "acme/api", "*", trigger)),
                CHANNEL_ACCOUNTS);
        boolean fires = trigger.eventType().equals(type);

        assertThat(matcher.watches(ACME, type)).isEqualTo(fires);
        assertThat(ScanningEvent.read(type, "docker.io/acme/api:1.0", details("{}"))
                .map(event -> matcher.match(ACME, event, NOWHERE).keySet()).orElse(Set.of()))
                .isEqualTo(fires ? Set.of(WEBHOOK) : Set.of());
    }

    @ParameterizedTest
    @CsvSource({"pass, fail, true", "fail, pass, false", "pass, pass, false", "fail, fail, false", "PASS, FAIL, true",
            "'', fail, false", "pass, '', false"})
    void passFailFiresOnlyFromPassToFailWhileAnyChangeFiresOnEveryUpdate(String last, String current, boolean passFailFires) {
        Alert passFail = alert(ACME, AlertType.REPOSITORY, "", List.of(new RepositoryPattern("docker.io", "acme/api", "*")),
                Set.of(Trigger.POLICY_EVAL), true, List.of(SLACK), true);
        Alert anyChange = alert(ACME, AlertType.REPOSITORY, "", List.of(new RepositoryPattern("docker.io", "acme/api", "*")),
                Set.of(Trigger.POLICY_EVAL), false, List.of(WEBHOOK), true);

        assertThat(match(List.of(passFail), policyChange(last, current))).isEqualTo(passFailFires ? Set.of(SLACK) : Set.of());
        assertThat(match(List.of(anyChange), policyChange(last, current))).containsExactly(WEBHOOK);
    }

    @Test
    void goToWarnIsNoPassFailChangeBothStatusesBeingPass() {
        Alert passFail = alert(ACME, AlertType.REPOSITORY, "", List.of(new RepositoryPattern("*", "*", "*")),
                Set.of(Trigger.POLICY_EVAL), true, List.of(SLACK), true);
        ScanningEvent goToWarn = event(Trigger.POLICY_EVAL.eventType(), "docker.io/acme/api:1.0",
                "{`last_eval`: {`status`: `pass`, `final_action`: `go`}, `curr_eval`: {`status`: `pass`, `final_action`: `warn`}}");

        assertThat(match(List.of(passFail), goToWarn)).isEmpty();
    }

    @Test
    void onlyPassFailDoesNotHoldBackTheAlertsOtherTriggers() {
        Alert alert = alert(ACME, AlertType.REPOSITORY, "", List.of(new RepositoryPattern("docker.io", "acme/api", "*")),
                Set.of(Trigger.POLICY_EVAL, Trigger.VULN_UPDATE), true, List.of(SLACK), true);

        assertThat(match(List.of(alert), event(Trigger.VULN_UPDATE, "docker.io/acme/api:1.0"))).containsExactly(SLACK);
        assertThat(match(List.of(alert), policyChange("fail", "pass"))).isEmpty();
    }

    // ---------------------------------------------------------------- repository alerts

    @ParameterizedTest(name = "{0} / {1} / {2} on {3}: {4}")
    @CsvSource({
            "docker.io, acme/*, *, docker.io/acme/api:1.0, true",
            "docker.io, acme/*, *, acme/api, true",
            "docker.io, acme/*, *, quay.io/other/x, false",
            "docker.io, acme/*, *, docker.io/globex/api:1.0, false",
            "docker.io, acme/*, *, docker.io/acme/team/api:2, true",
            "*, *, *, quay.io/other/x, true",
            "*, *, *, localhost:5000/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, true",
            "quay.io, other/x, v*, quay.io/other/x:v2, true",
            "quay.io, other/x, v*, quay.io/other/x, false",
            "QUAY.IO, other/x, *, quay.io/other/x, true",
            "docker.io, nginx, *, nginx:1.27, true",
            "docker.io, nginx, *, docker.io/library/nginx, true",
            "docker.io, library/nginx, latest, nginx, true",
            "index.docker.io, acme/api, 1.0, docker.io/acme/api:1.0, true",
            "docker.io, acme/api, 1.0, docker.io/acme/api:1.0.1, false",
            "*.example.com, *, *, registry.example.com/team/app:1, true",
            "*.example.com, *, *, example.com/team/app:1, false",
            "docker.io, acme/api, *, docker.io/acme/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, true",
            "docker.io, acme/api, 1.0, docker.io/acme/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, false",
            "docker.io, acme/*, *, not a reference, false",
            "*, *, *, Acme/API:1.0, false",
            "*, *, *, docker.io/acme/api@sha256:short, false",
            "docker.io, library/nginx, *, registry.hub.docker.com/nginx, true",
            "docker.io, library/nginx, *, registry-1.docker.io/library/nginx:1, true",
            "REGISTRY.example.com, team/app, 1, Registry.Example.COM/team/app:1, true"})
    void aRepositoryAlertFiresForImagesMatchingOneOfItsPatterns(String registry, String repository, String tag,
            String reference, boolean fires) {
        Alert alert = repositoryAlert(registry, repository, tag, Trigger.ANALYSIS_UPDATE);

        assertThat(match(List.of(alert), event(Trigger.ANALYSIS_UPDATE, reference)))
                .isEqualTo(fires ? Set.of(WEBHOOK) : Set.of());
    }

    @Test
    void anyOfSeveralRepositoriesWill() {
        Alert alert = alert(ACME, AlertType.REPOSITORY, "", List.of(new RepositoryPattern("quay.io", "other/*", "*"),
                new RepositoryPattern("docker.io", "acme/*", "*")), Set.of(Trigger.ANALYSIS_UPDATE), false, List.of(SLACK), true);

        assertThat(match(List.of(alert), event(Trigger.ANALYSIS_UPDATE, "docker.io/acme/api:1.0"))).containsExactly(SLACK);
        assertThat(match(List.of(alert), event(Trigger.ANALYSIS_UPDATE, "ghcr.io/acme/api:1.0"))).isEmpty();
    }

    @Test
    void theImageOfTheDetailsComesBeforeTheResourceId() {
        Alert quay = repositoryAlert("quay.io", "other/*", "*", Trigger.VULN_UPDATE);
        String onQuay = "{`image`: {`registry`: `quay.io`, `repository`: `other/x`, `tag`: `1`, `digest`: `sha256:abc`}}";
        String incomplete = "{`image`: {`repository`: `other/x`, `tag`: `1`}}";

        assertThat(match(List.of(quay), event(Trigger.VULN_UPDATE.eventType(), "docker.io/acme/api:1.0", onQuay)))
                .containsExactly(WEBHOOK);
        assertThat(match(List.of(quay), event(Trigger.VULN_UPDATE.eventType(), "docker.io/acme/api:1.0", incomplete)))
                .as("details.image without a registry: the resource id names the image").isEmpty();
        assertThat(match(List.of(quay), event(Trigger.VULN_UPDATE.eventType(), null, "{}"))).isEmpty();
    }

    @Test
    void theImageOfTheDetailsIsNormalisedButTakenAsTheProducerWroteIt() {
        String onHub = "{`image`: {`registry`: `Registry.Hub.Docker.com`, `repository`: `nginx`, `digest`: `sha256:abc`}}";
        String odd = "{`image`: {`registry`: `quay.io`, `repository`: `Other/X`, `tag`: `not a tag`}}";

        assertThat(event(Trigger.VULN_UPDATE.eventType(), "whatever", onHub).image())
                .isEqualTo(new ImageReference("docker.io", "library/nginx", null, "sha256:abc"));
        assertThat(match(List.of(repositoryAlert("docker.io", "nginx", "*", Trigger.VULN_UPDATE)),
                event(Trigger.VULN_UPDATE.eventType(), "whatever", onHub))).containsExactly(WEBHOOK);
        assertThat(match(List.of(repositoryAlert("docker.io", "nginx", "latest", Trigger.VULN_UPDATE)),
                event(Trigger.VULN_UPDATE.eventType(), "whatever", onHub))).as("a digest only: no tag").isEmpty();
        assertThat(match(List.of(repositoryAlert("quay.io", "Other/*", "*", Trigger.VULN_UPDATE)),
                event(Trigger.VULN_UPDATE.eventType(), "whatever", odd))).containsExactly(WEBHOOK);
        assertThat(event(Trigger.VULN_UPDATE.eventType(), "whatever", "{`image`: {`registry`: `quay.io`, `repository`: `x`}}")
                .image().tag()).as("neither tag nor digest: latest").isEqualTo("latest");
    }

    // ---------------------------------------------------------------- runtime alerts

    @Test
    void anUnscannedImageFiresTheRuntimeAlertsWhoseScopeMatchesTheLabelsItRunsWith() {
        Alert prod = runtimeAlert("kubernetes.namespace.name = \"prod\"", Trigger.UNSCANNED);
        Alert everywhere = alert(ACME, AlertType.RUNTIME, "", List.of(), Set.of(Trigger.UNSCANNED), false, List.of(WEBHOOK), true);

        assertThat(match(List.of(prod, everywhere), unscanned("{`kubernetes.namespace.name`: `prod`}")))
                .containsExactly(SLACK, WEBHOOK);
        assertThat(match(List.of(prod, everywhere), unscanned("{`kubernetes.namespace.name`: `dev`}")))
                .containsExactly(WEBHOOK);
        assertThat(match(List.of(prod, everywhere), unscanned("null")))
                .as("running somewhere unknown: only the alert for everywhere").containsExactly(WEBHOOK);
        assertThat(match(List.of(prod), unscanned("{`kubernetes.namespace.name`: {`nested`: `prod`}}"))).isEmpty();
    }

    @Test
    void otherEventsFireRuntimeAlertsWhereTheInventorySaysTheImageRuns() {
        Alert prod = runtimeAlert("kubernetes.namespace.name in (\"prod\", \"staging\")", Trigger.VULN_UPDATE);
        Alert dev = alert(ACME, AlertType.RUNTIME, "kubernetes.namespace.name = \"dev\"", List.of(), Set.of(Trigger.VULN_UPDATE),
                false, List.of(WEBHOOK), true);
        List<ImageReference> asked = new ArrayList<>();
        RuntimeLabels inventory = (account, image) -> {
            asked.add(image);
            return List.of(Map.of("kubernetes.namespace.name", "qa"), Map.of("kubernetes.namespace.name", "staging"));
        };

        assertThat(match(List.of(prod, dev), event(Trigger.VULN_UPDATE, "docker.io/acme/api:1.0"), inventory))
                .containsExactly(SLACK);
        assertThat(asked).as("asked once for both alerts").containsExactly(new ImageReference("docker.io", "acme/api", "1.0", null));
        assertThat(match(List.of(prod, dev), event(Trigger.VULN_UPDATE, "docker.io/acme/api:1.0"), NOWHERE))
                .as("without an inventory no image is known to run anywhere").isEmpty();
    }

    @Test
    void theInventoryIsAskedForAnImageNamedByDigestOnlyWithoutATag() {
        String digest = "sha256:" + "0123456789abcdef".repeat(4);
        List<ImageReference> asked = new ArrayList<>();
        RuntimeLabels inventory = (account, image) -> {
            asked.add(image);
            return List.of(Map.of());
        };

        assertThat(match(List.of(runtimeAlert("", Trigger.VULN_UPDATE)), event(Trigger.VULN_UPDATE, "acme/api@" + digest),
                inventory)).containsExactly(SLACK);
        assertThat(asked).containsExactly(new ImageReference("docker.io", "acme/api", null, digest));
    }

    @Test
    void theInventoryIsNotAskedWhenNoRuntimeAlertNeedsIt() {
        List<ImageReference> asked = new ArrayList<>();
        RuntimeLabels inventory = (account, image) -> {
            asked.add(image);
            return List.of(Map.of());
        };

        match(List.of(repositoryAlert("*", "*", "*", Trigger.ANALYSIS_UPDATE)), event(Trigger.ANALYSIS_UPDATE, "nginx"), inventory);
        match(List.of(runtimeAlert("", Trigger.UNSCANNED)), unscanned("{`container.name`: `api`}"), inventory);

        assertThat(asked).isEmpty();
    }

    // ---------------------------------------------------------------- channels and what is left out

    @Test
    void channelsThatAreGoneOrOfAnotherAccountAreSkippedAndAnAlertWithoutChannelsIsLeftOut() {
        Alert some = alert(ACME, AlertType.REPOSITORY, "", List.of(new RepositoryPattern("*", "*", "*")),
                Set.of(Trigger.ANALYSIS_UPDATE), false, List.of(DELETED, OTHERS, SLACK), true);
        Alert none = alert(ACME, AlertType.REPOSITORY, "", List.of(new RepositoryPattern("*", "*", "*")),
                Set.of(Trigger.VULN_UPDATE), false, List.of(), true);
        Alert onlyGone = alert(ACME, AlertType.REPOSITORY, "", List.of(new RepositoryPattern("*", "*", "*")),
                Set.of(Trigger.POLICY_EVAL), false, List.of(DELETED, OTHERS), true);
        AlertMatcher matcher = AlertMatcher.compile(List.of(some, none, onlyGone), CHANNEL_ACCOUNTS);

        assertThat(matcher.match(ACME, event(Trigger.ANALYSIS_UPDATE, "nginx"), NOWHERE).keySet()).containsExactly(SLACK);
        assertThat(matcher.watches(ACME, Trigger.VULN_UPDATE.eventType())).isFalse();
        assertThat(matcher.watches(ACME, Trigger.POLICY_EVAL.eventType())).isFalse();
        assertThat(matcher.size()).isEqualTo(1);
    }

    @Test
    void eachChannelIsNamedWithEveryAlertThatChoseIt() {
        Alert nginx = repositoryAlert("docker.io", "nginx", "*", Trigger.ANALYSIS_UPDATE);
        Alert everything = alert(ACME, AlertType.REPOSITORY, "", List.of(new RepositoryPattern("*", "*", "*")),
                Set.of(Trigger.ANALYSIS_UPDATE), false, List.of(WEBHOOK, SLACK), true);
        Alert elsewhere = repositoryAlert("quay.io", "other", "*", Trigger.ANALYSIS_UPDATE);
        AlertMatcher matcher = AlertMatcher.compile(List.of(nginx, everything, elsewhere), CHANNEL_ACCOUNTS);

        assertThat(matcher.match(ACME, event(Trigger.ANALYSIS_UPDATE, "nginx"), NOWHERE)).containsExactly(
                Map.entry(WEBHOOK, List.of(new FiredAlert(nginx.alertId(), "alert"), new FiredAlert(everything.alertId(), "alert"))),
                Map.entry(SLACK, List.of(new FiredAlert(everything.alertId(), "alert"))));
    }

    @Test
    void disabledAlertsAndOtherAccountsAlertsDoNotFire() {
        Alert disabled = alert(ACME, AlertType.REPOSITORY, "", List.of(new RepositoryPattern("*", "*", "*")),
                Set.of(Trigger.ANALYSIS_UPDATE), false, List.of(SLACK), false);
        Alert globex = alert("globex", AlertType.REPOSITORY, "", List.of(new RepositoryPattern("*", "*", "*")),
                Set.of(Trigger.ANALYSIS_UPDATE), false, List.of(OTHERS), true);
        AlertMatcher matcher = AlertMatcher.compile(List.of(disabled, globex), CHANNEL_ACCOUNTS);

        assertThat(matcher.watches(ACME, Trigger.ANALYSIS_UPDATE.eventType())).isFalse();
        assertThat(matcher.match(ACME, event(Trigger.ANALYSIS_UPDATE, "nginx"), NOWHERE).keySet()).isEmpty();
        assertThat(matcher.match("globex", event(Trigger.ANALYSIS_UPDATE, "nginx"), NOWHERE).keySet()).containsExactly(OTHERS);
    }

    @Test
    void alertsSharingAChannelNameItOnce() {
        Alert first = alert(ACME, AlertType.REPOSITORY, "", List.of(new RepositoryPattern("*", "*", "*")),
                Set.of(Trigger.ANALYSIS_UPDATE), false, List.of(WEBHOOK, SLACK), true);
        Alert second = repositoryAlert("docker.io", "library/*", "*", Trigger.ANALYSIS_UPDATE);

        assertThat(match(List.of(first, second), event(Trigger.ANALYSIS_UPDATE, "nginx"))).containsExactly(WEBHOOK, SLACK);
    }

    @Test
    void anAlertWhoseStoredScopeNoLongerReadsIsLeftOutAndTheOthersStillFire() {
        Alert unreadable = runtimeAlert("kubernetes.namespace.name is \"prod\"", Trigger.UNSCANNED);
        Alert fine = alert(ACME, AlertType.RUNTIME, "", List.of(), Set.of(Trigger.UNSCANNED), false, List.of(WEBHOOK), true);

        assertThat(match(List.of(unreadable, fine), unscanned("{}"))).containsExactly(WEBHOOK);
    }

    @ParameterizedTest
    @EnumSource(Trigger.class)
    void eventsOfOtherTypesAreNotScanningEvents(Trigger trigger) {
        assertThat(ScanningEvent.read(trigger.eventType() + ".extra", "nginx", details("{}"))).isEmpty();
        assertThat(ScanningEvent.read(trigger.eventType(), "nginx", null)).get().extracting(ScanningEvent::trigger)
                .isEqualTo(trigger);
    }
}
