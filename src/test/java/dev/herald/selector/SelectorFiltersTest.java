package dev.herald.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.event.Severity;
import dev.herald.selector.cel.CelFilter;
import dev.herald.selector.cel.FilterSyntaxError;
import dev.herald.support.CapturedLog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A selector's min_severity and CEL filter, checked after its four fields ({@link SelectorMatch}):
 * tables of matches and non-matches over Herald's event shapes, a filter that fails at run time,
 * and how several selectors of one configuration combine their floors.
 */
class SelectorFiltersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VULNERABILITIES = "user.checks.tag.vulnerabilities.update";
    private static final String POLICY = "user.checks.tag.policy_evaluation.update";

    /** A vulnerability update adding and updating vulnerabilities of these severities (Anchore's field names). */
    private static JsonNode vulnerabilityUpdate(List<String> added, List<String> updated, List<String> removed) {
        return event(VULNERABILITIES, "info", "docker.io/acme/api:1.4", Map.of("diff_vulnerability_result", Map.of(
                "added", entries(added), "updated", entries(updated), "removed", entries(removed)),
                "imageDigest", "sha256:0f3c"));
    }

    private static List<Map<String, String>> entries(List<String> severities) {
        return severities.stream().map(severity -> Map.of("CVE_ID", "CVE-" + severity, "Severity", severity)).toList();
    }

    private static JsonNode policyUpdate(String resourceId, String status) {
        return event(POLICY, "info", resourceId, Map.of("last_eval", Map.of("status", "pass"),
                "curr_eval", Map.of("status", status, "final_action", "stop")));
    }

    private static JsonNode event(String type, String level, String resourceId, Map<String, Object> details) {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", "0123456789abcdef0123456789abcdef");
        event.put("type", type);
        event.put("level", level);
        event.put("message", "sample");
        event.set("details", JSON.valueToTree(details));
        event.put("timestamp", "2026-11-21T09:08:54.749Z");
        event.set("resource", JSON.valueToTree(Map.of("account_name", "acme", "type", "image_tag", "id", resourceId)));
        ObjectNode source = event.putObject("source");
        source.put("service_name", "scanner").put("host_id", "ci-7").putNull("request_id");
        return event;
    }

    private static Selector selector(String uuid, String configuration, Severity minSeverity, String filter) {
        return new Selector(uuid, configuration, "acme", SelectorScope.ACCOUNT, "*", "user.checks.*", "*", minSeverity, filter);
    }

    private static SelectorMatch matchAndSettle(SelectorMatcher matcher, JsonNode event) {
        SelectorMatch match = matcher.match("acme", event.get("level").asText(), event.get("type").asText(), "image_tag");
        if (match.needsEvent()) {
            match.settle(event);
        }
        return match;
    }

    // ---------------------------------------------------------------- min_severity

    @ParameterizedTest(name = "min_severity {0}, added [{1}], updated [{2}], removed [{3}]: matches {4}")
    @CsvSource(delimiter = ';', value = {
        "Critical; Critical;           ;           ; true",
        "Critical; High;               ;           ; false",
        "High;     Critical;           ;           ; true",
        "High;     High;               ;           ; true",
        "High;     Medium Low;         ;           ; false",
        "High;     Low;                High;       ; true",
        "High;     ;                   ;           ; false",
        "High;     ;                   ;  Critical ; false",
        "Medium;   Negligible Unknown; Low;        ; false",
        "Low;      Negligible;         Low;        ; true",
        "Negligible; Negligible;       ;           ; true",
        "Unknown;  Unknown;            ;           ; true",
        "Unknown;  ;                   ;  Critical ; false",
    })
    void minSeverityMatchesAVulnerabilityUpdateOnlyWithAnAddedOrUpdatedOneAtOrAboveIt(String minSeverity, String added,
            String updated, String removed, boolean matches) {
        SelectorMatcher matcher = SelectorMatcher.compile(List.of(
                selector("s1", "cfg", Severity.parse(minSeverity).orElseThrow(), null)));

        SelectorMatch match = matchAndSettle(matcher, vulnerabilityUpdate(list(added), list(updated), list(removed)));

        assertThat(match.configurations().contains("cfg")).isEqualTo(matches);
    }

    private static List<String> list(String severities) {
        return severities == null ? List.of() : List.of(severities.trim().split("\\s+"));
    }

    @Test
    void severitiesAreReadInAnyCaseAndAMissingOneIsUnknown() {
        JsonNode event = event(VULNERABILITIES, "info", "docker.io/acme/api:1.4", Map.of("diff_vulnerability_result",
                Map.of("added", List.of(Map.of("id", "CVE-1", "severity", "HIGH"), Map.of("id", "CVE-2")))));

        assertThat(matchAndSettle(SelectorMatcher.compile(List.of(selector("s", "cfg", Severity.HIGH, null))), event)
                .configurations()).containsExactly("cfg");
        assertThat(matchAndSettle(SelectorMatcher.compile(List.of(selector("s", "cfg", Severity.CRITICAL, null))), event)
                .configurations()).isEmpty();
    }

    @Test
    void minSeverityLetsEventsThatAreNoVulnerabilityUpdateThrough() {
        SelectorMatcher matcher = SelectorMatcher.compile(List.of(selector("s1", "cfg", Severity.CRITICAL, null)));

        SelectorMatch match = matchAndSettle(matcher, policyUpdate("docker.io/acme/api:1.4", "fail"));

        assertThat(match.configurations()).containsExactly("cfg");
    }

    @Test
    void theMessageFloorIsTheLowestOfTheMatchingSelectorsAndNoneWhenOneHasNoMinSeverity() {
        JsonNode event = vulnerabilityUpdate(List.of("Critical", "Medium"), List.of(), List.of());
        SelectorMatcher twoFloors = SelectorMatcher.compile(List.of(
                selector("s1", "cfg", Severity.CRITICAL, null), selector("s2", "cfg", Severity.MEDIUM, null),
                selector("s3", "cfg", Severity.LOW, "event.level == 'error'")));
        SelectorMatcher floorAndNone = SelectorMatcher.compile(List.of(
                selector("s1", "cfg", Severity.HIGH, null), selector("s2", "cfg", null, null)));

        SelectorMatch floored = matchAndSettle(twoFloors, event);
        SelectorMatch unfloored = matchAndSettle(floorAndNone, event);

        assertThat(floored.configurations()).containsExactly("cfg");
        assertThat(floored.floor("cfg")).isEqualTo(Severity.MEDIUM);
        assertThat(unfloored.needsEvent()).as("chosen without a floor: nothing left to check").isFalse();
        assertThat(unfloored.configurations()).containsExactly("cfg");
        assertThat(unfloored.floor("cfg")).isNull();
    }

    @Test
    void theMessageKeepsOnlyTheVulnerabilitiesAtOrAboveTheFloorInEachList() {
        JsonNode details = vulnerabilityUpdate(List.of("Critical", "Low", "High"), List.of("Medium", "High"),
                List.of("Negligible", "Critical")).get("details");

        JsonNode kept = VulnerabilityFloor.keepAtOrAbove(details, Severity.HIGH);

        assertThat(kept.at("/diff_vulnerability_result/added")).extracting(v -> v.get("Severity").asText())
                .containsExactly("Critical", "High");
        assertThat(kept.at("/diff_vulnerability_result/updated")).extracting(v -> v.get("Severity").asText())
                .containsExactly("High");
        assertThat(kept.at("/diff_vulnerability_result/removed")).extracting(v -> v.get("Severity").asText())
                .containsExactly("Critical");
        assertThat(kept.get("imageDigest").asText()).isEqualTo("sha256:0f3c");
        assertThat(details.at("/diff_vulnerability_result/added")).as("the event itself is left alone").hasSize(3);
        assertThat(VulnerabilityFloor.keepAtOrAbove(details, null)).isSameAs(details);
    }

    // ---------------------------------------------------------------- CEL filter

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "event.type == 'user.checks.tag.policy_evaluation.update'                       | true",
        "event.type.endsWith('.vulnerabilities.update')                                 | false",
        "event.level == 'info' && event.resource.type == 'image_tag'                    | true",
        "event.resource.id.startsWith('docker.io/acme/')                                | true",
        "event.resource.id.startsWith('ghcr.io/')                                       | false",
        "event.resource.account_name in ['acme', 'globex']                              | true",
        "event.details.curr_eval.status == 'fail' && event.details.last_eval.status == 'pass' | true",
        "event.details.curr_eval.final_action == 'go'                                   | false",
        "has(event.details.diff_vulnerability_result)                                   | false",
        "event.source.host_id.matches('^ci-[0-9]+$')                                    | true",
        "event.source.request_id == null                                                | true",
        "timestamp(event.timestamp) > timestamp('2026-01-01T00:00:00Z')                 | true",
        "!(event.resource.id.endsWith(':latest'))                                       | true",
    })
    void aCelFilterMatchesWhenItIsTrueForTheEvent(String filter, boolean matches) {
        SelectorMatcher matcher = SelectorMatcher.compile(List.of(selector("s1", "cfg", null, filter)));

        SelectorMatch match = matchAndSettle(matcher, policyUpdate("docker.io/acme/api:1.4", "fail"));

        assertThat(match.configurations().contains("cfg")).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "event.details.diff_vulnerability_result.added.exists(v, v.Severity == 'Critical')     | true",
        "event.details.diff_vulnerability_result.added.all(v, v.Severity != 'Low')             | true",
        "size(event.details.diff_vulnerability_result.added) >= 3                              | false",
        "event.details.diff_vulnerability_result.updated.exists(v, v.CVE_ID == 'CVE-Medium')    | true",
    })
    void aCelFilterReadsTheVulnerabilityLists(String filter, boolean matches) {
        SelectorMatcher matcher = SelectorMatcher.compile(List.of(selector("s1", "cfg", null, filter)));

        SelectorMatch match = matchAndSettle(matcher,
                vulnerabilityUpdate(List.of("Critical", "High"), List.of("Medium"), List.of()));

        assertThat(match.configurations().contains("cfg")).isEqualTo(matches);
    }

    @Test
    void minSeverityAndFilterMustBothHold() {
        SelectorMatcher matcher = SelectorMatcher.compile(List.of(
                selector("s1", "cfg", Severity.HIGH, "event.resource.id.startsWith('docker.io/acme/')")));

        assertThat(matchAndSettle(matcher, vulnerabilityUpdate(List.of("Critical"), List.of(), List.of()))
                .configurations()).containsExactly("cfg");
        assertThat(matchAndSettle(matcher, vulnerabilityUpdate(List.of("Low"), List.of(), List.of()))
                .configurations()).isEmpty();
        JsonNode elsewhere = vulnerabilityUpdate(List.of("Critical"), List.of(), List.of());
        ((ObjectNode) elsewhere.get("resource")).put("id", "ghcr.io/acme/api:1.4");
        assertThat(matchAndSettle(matcher, elsewhere).configurations()).isEmpty();
    }

    @Test
    void eventsWithTheSameFourFactsShareTheirPlanButAreSettledEachOnItsOwn() {
        // the matcher works out what the four facts decide once; each event's filters still see that event
        SelectorMatcher matcher = SelectorMatcher.compile(List.of(selector("plain", "cfg", null, null),
                selector("filtered", "cfg-2", null, "event.resource.id.startsWith('docker.io/acme/')"),
                selector("floored", "cfg-3", Severity.CRITICAL, null)));
        JsonNode acme = vulnerabilityUpdate(List.of("Critical"), List.of(), List.of());
        JsonNode elsewhere = vulnerabilityUpdate(List.of("Low"), List.of(), List.of());
        ((ObjectNode) elsewhere.get("resource")).put("id", "ghcr.io/acme/api:1.4");

        SelectorMatch first = matchAndSettle(matcher, acme);
        SelectorMatch second = matchAndSettle(matcher, elsewhere);
        SelectorMatch third = matchAndSettle(matcher, acme);

        assertThat(first.configurations()).containsExactly("cfg", "cfg-2", "cfg-3");
        assertThat(first.floor("cfg-3")).isEqualTo(Severity.CRITICAL);
        assertThat(second.configurations()).containsExactly("cfg");
        assertThat(second.floor("cfg-3")).isNull();
        assertThat(third.configurations()).containsExactly("cfg", "cfg-2", "cfg-3");
        assertThat(first.configurations()).containsExactly("cfg", "cfg-2", "cfg-3");
        assertThatThrownBy(() -> second.configurations().add("cfg-4")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> matcher.match("acme", "info", VULNERABILITIES, "image_tag").configurations())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFilterIsEvaluatedOnlyAfterTheCheapMatch() {
        // would fail on every event it met: it meets none, as the selector's type never matches
        SelectorMatcher matcher = SelectorMatcher.compile(List.of(new Selector("s1", "cfg", "acme", SelectorScope.ACCOUNT,
                "*", "system.*", "*", null, "event.details.nothing_here == 1")));

        try (CapturedLog log = new CapturedLog()) {
            SelectorMatch match = matcher.match("acme", "info", POLICY, "image_tag");

            assertThat(match.needsEvent()).isFalse();
            assertThat(match.configurations()).isEmpty();
            assertThat(log.text()).doesNotContain("s1");
        }
    }

    @Test
    void aFilterThatFailsAtRunTimeIsNoMatchAndIsLoggedOncePerSelector() {
        SelectorMatcher matcher = SelectorMatcher.compile(List.of(
                selector("failing-selector", "cfg", null, "event.details.curr_eval.status == 'fail'"),
                selector("other-selector", "cfg-2", null, "event.level == 'info'")));

        try (CapturedLog log = new CapturedLog()) {
            for (int i = 0; i < 3; i++) {
                SelectorMatch match = matchAndSettle(matcher, vulnerabilityUpdate(List.of("High"), List.of(), List.of()));
                assertThat(match.configurations()).containsExactly("cfg-2");
            }
            assertThat(matchAndSettle(matcher, policyUpdate("docker.io/acme/api:1.4", "fail")).configurations())
                    .containsExactly("cfg", "cfg-2");

            List<String> warnings = log.text().lines().filter(line -> line.startsWith("WARN")).toList();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).contains("failing-selector", "curr_eval").doesNotContain("CVE-High");
        }
    }

    @Test
    void aFilterThatGivesNoBooleanIsNoMatch() {
        SelectorMatcher matcher = SelectorMatcher.compile(List.of(selector("s1", "cfg", null, "event.level"),
                selector("s2", "cfg-2", null, "event.details.curr_eval.status == 'fail'")));

        assertThat(matchAndSettle(matcher, policyUpdate("docker.io/acme/api:1.4", "fail")).configurations())
                .containsExactly("cfg-2");
    }

    @Test
    void aStoredFilterThatNoLongerCompilesMatchesNothingAndTheOthersStillLoad() {
        SelectorMatcher matcher = SelectorMatcher.compile(List.of(selector("broken", "cfg", null, "event.type =="),
                selector("fine", "cfg-2", null, null)));

        assertThat(matchAndSettle(matcher, policyUpdate("docker.io/acme/api:1.4", "fail")).configurations())
                .containsExactly("cfg-2");
    }

    /** The README's examples: each compiles, and is true for the event it is written for (the tables above have non-matches). */
    @Test
    void theReadmeExamplesHoldForTheirEvents() {
        JsonNode feedFailure = event("system.feeds.sync.failed", "error", "vulnerabilities", Map.of("msg", "connection reset"));
        JsonNode criticalWithFix = event(VULNERABILITIES, "info", "docker.io/acme/api:1.4", Map.of(
                "diff_vulnerability_result", Map.of("added", List.of(Map.of("CVE_ID", "CVE-1", "Severity", "Critical",
                        "Fix_Available", "3.0.2")), "updated", List.of(), "removed", List.of())));
        JsonNode unscanned = event("user.runtime.image.unscanned", "info", "acme/api:1.4", Map.of("runtime",
                Map.of("labels", Map.of("kubernetes.namespace.name", "payments", "container.name", "api"))));
        Map<String, JsonNode> examples = Map.of(
                "event.resource.id.startsWith('docker.io/acme/')", policyUpdate("docker.io/acme/api:1.4", "fail"),
                "event.level == 'error' && event.type.startsWith('system.feeds.')", feedFailure,
                "event.details.curr_eval.status == 'fail' && event.details.last_eval.status == 'pass'",
                policyUpdate("docker.io/acme/api:1.4", "fail"),
                "has(event.details.diff_vulnerability_result) &&\n  event.details.diff_vulnerability_result.added"
                        + ".exists(v, v.Severity == 'Critical' && v.Fix_Available != 'None')", criticalWithFix,
                "has(event.details.runtime) &&\n  event.details.runtime.labels['kubernetes.namespace.name'] in "
                        + "['payments', 'checkout']", unscanned);

        examples.forEach((filter, event) -> {
            SelectorMatcher matcher = SelectorMatcher.compile(List.of(new Selector("s", "cfg", "acme",
                    SelectorScope.ACCOUNT, "*", "*", "*", null, filter)));
            SelectorMatch match = matcher.match("acme", event.get("level").asText(), event.get("type").asText(), "x");
            match.settle(event);
            assertThat(match.configurations()).as(filter).containsExactly("cfg");
        });
    }

    @ParameterizedTest(name = "{0}: line {1}, column {2}")
    @CsvSource(delimiter = '|', value = {
        "event.type == 'x' &&          | 1 | 21",
        "event.type == 'x' +           | 1 | 20",
        "evnt.type == 'x'              | 1 | 1",
        "event.type + 1                | 1 | 12",
        "size(event.details)           | 1 | 5",
        "event.type == 'x' &&\\n  event.level ==   | 2 | 17",
    })
    void aFilterThatDoesNotCompileNamesWhereAndWhy(String filter, int line, int column) {
        assertThatThrownBy(() -> CelFilter.compile(filter.replace("\\n", "\n")))
                .isInstanceOfSatisfying(FilterSyntaxError.class, error -> {
                    assertThat(error.line()).isEqualTo(line);
                    assertThat(error.column()).isEqualTo(column);
                    assertThat(error.problem()).isNotBlank();
                    assertThat(error.getMessage()).startsWith("line " + line + ", column " + column + ": ");
                });
    }
}
