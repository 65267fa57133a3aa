package dev.herald.selector;

import static dev.herald.selector.SelectorScope.ACCOUNT;
import static dev.herald.selector.SelectorScope.GLOBAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Matching events against selectors (DESIGN §4), with sample events from specs/anchore-event-types.json. */
class SelectorMatcherTest {

    /** Sample events from the Anchore event type catalogue, by short name. */
    private static final Map<String, Event> EVENTS = new LinkedHashMap<>();

    static {
        EVENTS.put("vulnUpdate", new Event("user.checks.tag.vulnerabilities.update", "info", "image_tag"));
        EVENTS.put("policyUpdate", new Event("user.checks.tag.policy_evaluation.update", "info", "image_tag"));
        EVENTS.put("analysisCompleted", new Event("user.image.analysis.completed", "info", "image_tag"));
        EVENTS.put("analysisFailed", new Event("user.image.analysis.failed", "error", "image_tag"));
        EVENTS.put("bundleUpdated", new Event("user.policy.active.updated", "info", "policy_bundle"));
        EVENTS.put("feedsSyncFailed", new Event("system.feeds.sync.failed", "error", "feeds"));
        EVENTS.put("sysAnalysisCompleted", new Event("system.image_analysis.completed", "info", "image_tag"));
        EVENTS.put("randomWisdom", new Event("system.test.random_wisdom", "info", "wisdom"));
        EVENTS.put("serviceDown", new Event("system.service.state_transition.down", "error", "service"));
    }

    private static final String ALL_EVENTS = "vulnUpdate policyUpdate analysisCompleted analysisFailed bundleUpdated "
            + "feedsSyncFailed sysAnalysisCompleted randomWisdom serviceDown";

    private final AtomicInteger selectorIds = new AtomicInteger();

    // ---------------------------------------------------------------- Quick Selection presets

    @ParameterizedTest(name = "[{index}] {0}: {1},{2},{3},{4}")
    @CsvSource(delimiter = '|', textBlock = """
            # preset                           | scope   | level | type          | resource | owner | events matched (own account)
            policy and vulnerability updates   | account | *     | user.checks.* | *        | acme  | vulnUpdate policyUpdate
            user errors                        | account | error | user.*        | *        | acme  | analysisFailed
            user infos                         | account | info  | user.*        | *        | acme  | vulnUpdate policyUpdate analysisCompleted bundleUpdated
            everything user                    | account | *     | user.*        | *        | acme  | vulnUpdate policyUpdate analysisCompleted analysisFailed bundleUpdated
            system errors                      | account | error | system.*      | *        | acme  | feedsSyncFailed serviceDown
            system infos                       | account | info  | system.*      | *        | acme  | sysAnalysisCompleted randomWisdom
            system everything                  | account | *     | system.*      | *        | acme  | feedsSyncFailed sysAnalysisCompleted randomWisdom serviceDown
            all                                | account | *     | *             | *        | acme  | vulnUpdate policyUpdate analysisCompleted analysisFailed bundleUpdated feedsSyncFailed sysAnalysisCompleted randomWisdom serviceDown
            all for every account (admin)      | global  | *     | *             | *        | admin | vulnUpdate policyUpdate analysisCompleted analysisFailed bundleUpdated feedsSyncFailed sysAnalysisCompleted randomWisdom serviceDown
            """)
    void quickSelectionPreset(String preset, String scopeName, String level, String type, String resourceType,
                              String owner, String expectedEvents) {
        SelectorScope scope = SelectorScope.parse(scopeName).orElseThrow();
        SelectorMatcher matcher = SelectorMatcher.compile(List.of(
                selector("cfg-preset", owner, scope, level, type, resourceType)));
        Set<String> expected = names(expectedEvents);

        assertThat(matchingEvents(matcher, owner)).as("events of the owner's account").isEqualTo(expected);
        // account scope sees nothing of another account; global scope sees the same events of every account
        Set<String> expectedForOther = scope == GLOBAL ? expected : Set.of();
        assertThat(matchingEvents(matcher, "other")).as("events of another account").isEqualTo(expectedForOther);
    }

    @Test
    void presetTableCoversEveryEventInTheAllRow() {
        assertThat(names(ALL_EVENTS)).isEqualTo(EVENTS.keySet());
    }

    // ---------------------------------------------------------------- scope

    @Test
    void accountSelectorDoesNotMatchEventsOfAnotherAccount() {
        SelectorMatcher matcher = compile(selector("cfg-acme", "acme", ACCOUNT, "*", "*", "*"));

        assertThat(matcher.match("acme", "info", "user.image.analysis.completed", "image_tag").configurations()).containsExactly("cfg-acme");
        assertThat(matcher.match("other", "info", "user.image.analysis.completed", "image_tag").configurations()).isEmpty();
        assertThat(matcher.match("admin", "info", "user.image.analysis.completed", "image_tag").configurations()).isEmpty();
    }

    @Test
    void globalSelectorMatchesEventsOfEveryAccount() {
        SelectorMatcher matcher = compile(selector("cfg-global", "admin", GLOBAL, "*", "*", "*"));

        for (String account : List.of("admin", "acme", "other", "acct-42")) {
            assertThat(matcher.match(account, "error", "system.feeds.sync.failed", "feeds").configurations())
                    .as("account %s", account)
                    .containsExactly("cfg-global");
        }
    }

    @Test
    void accountSelectorOfAdminMatchesOnlyAdminEvents() {
        SelectorMatcher matcher = compile(selector("cfg-admin", "admin", ACCOUNT, "*", "*", "*"));

        assertThat(matcher.match("admin", "info", "system.test.random_wisdom", "wisdom").configurations()).containsExactly("cfg-admin");
        assertThat(matcher.match("acme", "info", "system.test.random_wisdom", "wisdom").configurations()).isEmpty();
        assertThat(matcher.match("other", "info", "system.test.random_wisdom", "wisdom").configurations()).isEmpty();
    }

    @Test
    void globalAndAccountSelectorsCombine() {
        SelectorMatcher matcher = compile(
                selector("cfg-global", "admin", GLOBAL, "*", "system.*", "*"),
                selector("cfg-admin", "admin", ACCOUNT, "*", "*", "*"),
                selector("cfg-acme", "acme", ACCOUNT, "*", "*", "*"));

        assertThat(matcher.match("acme", "error", "system.feeds.sync.failed", "feeds").configurations())
                .containsExactlyInAnyOrder("cfg-acme", "cfg-global");
        assertThat(matcher.match("admin", "error", "system.feeds.sync.failed", "feeds").configurations())
                .containsExactlyInAnyOrder("cfg-admin", "cfg-global");
        assertThat(matcher.match("other", "error", "system.feeds.sync.failed", "feeds").configurations())
                .containsExactly("cfg-global");
        assertThat(matcher.match("other", "info", "user.image.analysis.completed", "image_tag").configurations()).isEmpty();
    }

    // ---------------------------------------------------------------- level

    @ParameterizedTest(name = "[{index}] selector level {0}, event level {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            info  | info  | true
            info  | error | false
            error | error | true
            error | info  | false
            *     | info  | true
            *     | error | true
            """)
    void level(String selectorLevel, String eventLevel, boolean matches) {
        SelectorMatcher matcher = compile(selector("cfg", "acme", ACCOUNT, selectorLevel, "user.*", "*"));

        assertThat(matcher.match("acme", eventLevel, "user.image.analysis.failed", "image_tag").configurations())
                .isEqualTo(matches ? Set.of("cfg") : Set.of());
    }

    @Test
    void levelIsCheckedForExactTypesToo() {
        SelectorMatcher matcher = compile(selector("cfg", "acme", ACCOUNT, "error", "user.image.analysis.failed", "*"));

        assertThat(matcher.match("acme", "error", "user.image.analysis.failed", "image_tag").configurations()).containsExactly("cfg");
        assertThat(matcher.match("acme", "info", "user.image.analysis.failed", "image_tag").configurations()).isEmpty();
    }

    // ---------------------------------------------------------------- resource_type

    @ParameterizedTest(name = "[{index}] selector resource {0}, event resource {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            image_tag    | image_tag    | true
            image_tag    | image_digest | false
            image_tag    | image_tags   | false
            image_tag    |              | false
            *            | image_tag    | true
            *            | feeds        | true
            *            |              | true
            """)
    void resourceType(String selectorResource, String eventResource, boolean matches) {
        // both an exact type and a wildcard type, so both index paths are exercised
        for (String type : List.of("system.image_analysis.completed", "system.*")) {
            SelectorMatcher matcher = compile(selector("cfg", "acme", ACCOUNT, "*", type, selectorResource));

            assertThat(matcher.match("acme", "info", "system.image_analysis.completed", eventResource).configurations())
                    .as("selector type %s", type)
                    .isEqualTo(matches ? Set.of("cfg") : Set.of());
        }
    }

    // ---------------------------------------------------------------- exact types

    @Test
    void exactTypeMatchesOnlyThatType() {
        SelectorMatcher matcher = compile(selector("cfg", "acme", ACCOUNT, "*", "user.image.analysis.completed", "*"));

        assertThat(matcher.match("acme", "info", "user.image.analysis.completed", "image_tag").configurations()).containsExactly("cfg");
        assertThat(matcher.match("acme", "info", "user.image.analysis.completed.extra", "image_tag").configurations()).isEmpty();
        assertThat(matcher.match("acme", "info", "user.image.analysis", "image_tag").configurations()).isEmpty();
        assertThat(matcher.match("acme", "info", "user.image.analysis.failed", "image_tag").configurations()).isEmpty();
    }

    // ---------------------------------------------------------------- configurations, duplicates

    @Test
    void severalSelectorsOfOneConfigurationYieldItOnce() {
        SelectorMatcher matcher = compile(
                selector("cfg-a", "acme", ACCOUNT, "*", "*", "*"),
                selector("cfg-a", "acme", ACCOUNT, "info", "user.*", "*"),
                selector("cfg-a", "acme", ACCOUNT, "*", "user.checks.*", "image_tag"),
                selector("cfg-a", "acme", ACCOUNT, "info", "user.checks.tag.vulnerabilities.update", "*"),
                selector("cfg-a", "acme", ACCOUNT, "*", "user.checks.tag.vulnerabilities.update", "image_tag"));

        Set<String> result = matcher.match("acme", "info", "user.checks.tag.vulnerabilities.update", "image_tag").configurations();

        assertThat(result).containsExactly("cfg-a");
        assertThat(result).hasSize(1);
    }

    @Test
    void twoMatchingConfigurationsYieldBoth() {
        SelectorMatcher matcher = compile(
                selector("cfg-a", "acme", ACCOUNT, "*", "user.*", "*"),
                selector("cfg-a", "acme", ACCOUNT, "info", "user.image.analysis.completed", "*"),
                selector("cfg-b", "acme", ACCOUNT, "info", "*", "image_tag"),
                selector("cfg-b", "acme", ACCOUNT, "*", "user.image.analysis.completed", "*"),
                selector("cfg-c", "acme", ACCOUNT, "error", "user.*", "*"),
                selector("cfg-g", "admin", GLOBAL, "*", "user.image.*", "*"),
                selector("cfg-g", "admin", GLOBAL, "*", "*", "*"));

        Set<String> result = matcher.match("acme", "info", "user.image.analysis.completed", "image_tag").configurations();

        assertThat(result).containsExactlyInAnyOrder("cfg-a", "cfg-b", "cfg-g");
        assertThat(new ArrayList<>(result)).doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    void sameWildcardPatternInSeveralConfigurations() {
        SelectorMatcher matcher = compile(
                selector("cfg-a", "acme", ACCOUNT, "info", "system.*", "*"),
                selector("cfg-b", "acme", ACCOUNT, "error", "system.*", "*"),
                selector("cfg-c", "acme", ACCOUNT, "*", "system.*", "feeds"));

        assertThat(matcher.match("acme", "error", "system.feeds.sync.failed", "feeds").configurations())
                .containsExactlyInAnyOrder("cfg-b", "cfg-c");
        assertThat(matcher.match("acme", "info", "system.test.random_wisdom", "wisdom").configurations())
                .containsExactly("cfg-a");
    }

    // ---------------------------------------------------------------- empty and size

    @Test
    void emptyMatcherMatchesNothing() {
        SelectorMatcher empty = SelectorMatcher.compile(List.of());

        assertThat(empty.size()).isZero();
        for (Event event : EVENTS.values()) {
            for (String account : List.of("acme", "admin")) {
                assertThat(empty.match(account, event.level(), event.type(), event.resourceType()).configurations()).isEmpty();
            }
        }
        assertThat(SelectorMatcher.compile(List.of()).match("acme", "info", "user.image.analysis.completed", "image_tag")
                .configurations()).isEmpty();
    }

    @Test
    void sizeIsTheNumberOfSelectorsCompiled() {
        assertThat(SelectorMatcher.compile(List.of()).size()).isZero();
        assertThat(compile(selector("cfg-a", "acme", ACCOUNT, "*", "*", "*")).size()).isEqualTo(1);
        assertThat(compile(
                selector("cfg-a", "acme", ACCOUNT, "*", "*", "*"),
                selector("cfg-a", "acme", ACCOUNT, "*", "*", "*"),
                selector("cfg-b", "acme", ACCOUNT, "info", "user.*", "*"),
                selector("cfg-c", "other", ACCOUNT, "*", "user.image.analysis.completed", "*"),
                selector("cfg-g", "admin", GLOBAL, "*", "*", "*")).size()).isEqualTo(5);
    }

    // ---------------------------------------------------------------- indexing at scale

    /**
     * Selector types used at scale, and whether each matches the probe event
     * {@code user.image.analysis.completed / info / image_tag}.
     */
    private static final String[] SCALE_TYPES = {
        "user.image.analysis.completed", // 0 yes
        "user.image.analysis.failed",    // 1 no
        "user.*",                        // 2 yes
        "system.*",                      // 3 no
        "*",                             // 4 yes
        "*.completed",                   // 5 yes
        "user.checks.*",                 // 6 no
        "*failed",                       // 7 no
        "user.image.*.completed",        // 8 yes
        "user.image.analysis",           // 9 no
    };
    private static final Set<Integer> SCALE_TYPES_MATCHING = Set.of(0, 2, 4, 5, 8);

    @Test
    void tenThousandSelectorsOverOneHundredAccountsDoNotLeakAcrossAccounts() {
        // 99 ordinary accounts and admin, 100 selectors each, one configuration per selector;
        // admin's even-numbered selectors are global, its odd-numbered ones are of its own account
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 99; i++) {
            accounts.add("acct-" + i);
        }
        accounts.add("admin");
        List<Selector> selectors = new ArrayList<>();
        for (String account : accounts) {
            for (int k = 0; k < 100; k++) {
                SelectorScope scope = account.equals("admin") && k % 2 == 0 ? GLOBAL : ACCOUNT;
                selectors.add(selector(account + "/cfg-" + k, account, scope, "*", SCALE_TYPES[k % 10], "*"));
            }
        }
        SelectorMatcher matcher = SelectorMatcher.compile(selectors);
        assertThat(matcher.size()).isEqualTo(10_000);

        Set<String> ownExpected = new HashSet<>();
        Set<String> globalExpected = new HashSet<>();
        Set<String> adminOwnExpected = new HashSet<>();
        for (int k = 0; k < 100; k++) {
            if (SCALE_TYPES_MATCHING.contains(k % 10)) {
                ownExpected.add("acct-7/cfg-" + k);
                (k % 2 == 0 ? globalExpected : adminOwnExpected).add("admin/cfg-" + k);
            }
        }
        assertThat(ownExpected).hasSize(50);
        assertThat(globalExpected).hasSize(40);   // k % 10 in {0, 2, 4, 8}
        assertThat(adminOwnExpected).hasSize(10); // k % 10 == 5

        Set<String> acct7 = matcher.match("acct-7", "info", "user.image.analysis.completed", "image_tag").configurations();
        Set<String> expected = new HashSet<>(ownExpected);
        expected.addAll(globalExpected);
        assertThat(acct7).hasSize(90).isEqualTo(expected);
        assertThat(acct7).allMatch(uuid -> uuid.startsWith("acct-7/") || uuid.startsWith("admin/"));

        Set<String> admin = matcher.match("admin", "info", "user.image.analysis.completed", "image_tag").configurations();
        Set<String> adminExpected = new HashSet<>(globalExpected);
        adminExpected.addAll(adminOwnExpected);
        assertThat(admin).hasSize(50).isEqualTo(adminExpected);

        assertThat(matcher.match("nobody", "info", "user.image.analysis.completed", "image_tag").configurations())
                .isEqualTo(globalExpected);

        // a type only "*" and "system.*" match: per account k % 10 in {3, 4}
        Set<String> wisdom = matcher.match("acct-70", "info", "system.test.random_wisdom", "wisdom").configurations();
        Set<String> wisdomExpected = new HashSet<>();
        for (int k = 0; k < 100; k++) {
            if (k % 10 == 3 || k % 10 == 4) {
                wisdomExpected.add("acct-70/cfg-" + k);
            }
            if (k % 10 == 4) { // only the even one is global
                wisdomExpected.add("admin/cfg-" + k);
            }
        }
        assertThat(wisdom).hasSize(30).isEqualTo(wisdomExpected);
    }

    /**
     * What matches a type is remembered per account after the first event of that type, and only
     * for the first 1,024 types: the same answers for a type seen again, for the 1,025th type and
     * beyond, and whatever the level or resource type of the event that came first.
     */
    @Test
    void answersStayTheSameWhenTypesAreSeenAgainAndPastTheTypesRemembered() {
        SelectorMatcher matcher = compile(
                selector("cfg-exact", "acme", ACCOUNT, "error", "user.t7.failed", "*"),
                selector("cfg-failed", "acme", ACCOUNT, "*", "*.failed", "image_tag"),
                selector("cfg-user", "acme", ACCOUNT, "*", "user.*", "*"),
                selector("cfg-global", "admin", GLOBAL, "info", "*", "*"));
        for (int round = 0; round < 2; round++) {
            for (int t = 0; t < 1_500; t++) {
                assertThat(matcher.match("acme", "info", "user.t" + t + ".failed", "feeds").configurations())
                        .containsExactly("cfg-user", "cfg-global");
                assertThat(matcher.match("acme", "error", "user.t" + t + ".failed", "image_tag").configurations())
                        .containsExactlyElementsOf(t == 7 ? List.of("cfg-exact", "cfg-failed", "cfg-user")
                                : List.of("cfg-failed", "cfg-user"));
                assertThat(matcher.match("other", "error", "user.t" + t + ".failed", "image_tag").configurations()).isEmpty();
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private record Event(String type, String level, String resourceType) {
    }

    private Selector selector(String configuration, String account, SelectorScope scope,
                              String level, String type, String resourceType) {
        return new Selector("sel-" + selectorIds.incrementAndGet(), configuration, account, scope, level, type,
                resourceType);
    }

    private static SelectorMatcher compile(Selector... selectors) {
        return SelectorMatcher.compile(List.of(selectors));
    }

    /** Names of the sample events, of the given account, that the matcher matches to any configuration. */
    private static Set<String> matchingEvents(SelectorMatcher matcher, String account) {
        return EVENTS.entrySet().stream()
                .filter(entry -> !matcher.match(account, entry.getValue().level(), entry.getValue().type(),
                        entry.getValue().resourceType()).configurations().isEmpty())
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private static Set<String> names(String spaceSeparated) {
        return Arrays.stream(spaceSeparated.trim().split("\\s+")).collect(Collectors.toSet());
    }
}
