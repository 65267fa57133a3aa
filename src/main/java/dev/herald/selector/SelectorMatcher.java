package dev.herald.selector;

import dev.herald.selector.cel.CelFilter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Matches events against every selector, compiled once per configuration change.
 *
 * <p>Selectors are indexed by scope and account (an event only meets the global selectors and
 * those of its own account), then by type: exact types in a hash map, and wildcard selectors
 * grouped by pattern so each distinct pattern is tried once per event. Matching one event never
 * scans the selectors of other accounts. What an event's four facts decide is a {@link MatchPlan},
 * worked out once per account, level, type and resource type and shared by the events that have
 * them. A selector's min_severity and CEL filter are checked only after that cheap match, and only
 * when the event is not going to their configuration already ({@link SelectorMatch}).
 */
public final class SelectorMatcher {

    /**
     * Plans remembered, at most: one per account, level, type and resource type met (a few dozen
     * types per account, two levels), each a few hundred bytes. Beyond it an event's plan is worked
     * out each time, as before any was remembered.
     */
    private static final int REMEMBERED_PLANS = 16_384;

    private final Map<String, Bucket> byAccount;
    private final Bucket global;
    private final int size;
    /** Every CEL filter in use, by its text, for the next compile to reuse. */
    private final Map<String, CelFilter> celFilters;
    private final Map<Facts, MatchPlan> plans = new ConcurrentHashMap<>();

    private SelectorMatcher(Map<String, Bucket> byAccount, Bucket global, int size, Map<String, CelFilter> celFilters) {
        this.byAccount = byAccount;
        this.global = global;
        this.size = size;
        this.celFilters = celFilters;
    }

    public static SelectorMatcher compile(Collection<Selector> selectors) {
        return compile(selectors, null);
    }

    /**
     * Compiles the selectors, reusing the CEL filters {@code previous} compiled (null: none).
     * Compiling a CEL expression takes milliseconds, and a configuration change recompiles every
     * selector: only the filters that are new are compiled again.
     */
    public static SelectorMatcher compile(Collection<Selector> selectors, SelectorMatcher previous) {
        Map<String, CelFilter> reusable = previous == null ? Map.of() : previous.celFilters;
        Map<String, CelFilter> celFilters = new HashMap<>();
        Map<String, Bucket> byAccount = new HashMap<>();
        Bucket global = new Bucket();
        for (Selector selector : selectors) {
            Bucket bucket = selector.scope() == SelectorScope.GLOBAL
                    ? global
                    : byAccount.computeIfAbsent(selector.account(), account -> new Bucket());
            SelectorFilters filters = SelectorFilters.of(selector, source -> celFilters.computeIfAbsent(source,
                    text -> reusable.containsKey(text) ? reusable.get(text) : CelFilter.compile(text)));
            bucket.add(selector, new Target(
                    Selector.ANY.equals(selector.level()) ? null : selector.level(),
                    Selector.ANY.equals(selector.resourceType()) ? null : selector.resourceType(),
                    selector.configurationUuid(),
                    filters));
        }
        return new SelectorMatcher(byAccount, global, selectors.size(), Map.copyOf(celFilters));
    }

    /**
     * The configurations with at least one selector matching the event's four facts; those that
     * depend on a selector's filters are settled with the whole event ({@link SelectorMatch#settle}).
     */
    public SelectorMatch match(String account, String level, String type, String resourceType) {
        Facts facts = new Facts(account, level, type, resourceType);
        MatchPlan plan = plans.get(facts);
        if (plan == null) {
            plan = plan(facts);
            if (plans.size() < REMEMBERED_PLANS) {
                plans.putIfAbsent(facts, plan);
            }
        }
        return new SelectorMatch(plan);
    }

    private MatchPlan plan(Facts facts) {
        List<Target> matched = new ArrayList<>();
        Bucket own = byAccount.get(facts.account());
        if (own != null) {
            own.collect(facts, matched);
        }
        global.collect(facts, matched);
        return MatchPlan.of(matched);
    }

    public int size() {
        return size;
    }

    /**
     * A selector reduced to what is left to check once its type has matched; null level or resource
     * type means "any", null filters means none.
     */
    record Target(String level, String resourceType, String configurationUuid, SelectorFilters filters) {

        boolean accepts(String eventLevel, String eventResourceType) {
            return (level == null || level.equals(eventLevel))
                    && (resourceType == null || resourceType.equals(eventResourceType));
        }
    }

    /** The four facts every event has, which alone decide its {@link MatchPlan}. */
    private record Facts(String account, String level, String type, String resourceType) {
    }

    private record WildcardGroup(TypePattern pattern, List<Target> targets) {
    }

    /**
     * The selectors of one account (or the global ones), indexed by type. What matches a type is
     * worked out once (the exact selectors, then each wildcard pattern tried) and remembered: events
     * come in a few hundred types at most, so matching an event is one lookup per bucket. Types are
     * free text, so only the first {@value #REMEMBERED_TYPES} are remembered; others are worked out each time.
     */
    private static final class Bucket {
        private static final int REMEMBERED_TYPES = 1_024;

        private final Map<String, List<Target>> exactTypes = new HashMap<>();
        private final Map<String, WildcardGroup> wildcards = new LinkedHashMap<>();
        private final Map<String, Target[]> byType = new ConcurrentHashMap<>();

        void add(Selector selector, Target target) {
            TypePattern pattern = TypePattern.compile(selector.type());
            if (pattern.isExact()) {
                exactTypes.computeIfAbsent(selector.type(), type -> new ArrayList<>()).add(target);
            } else {
                wildcards.computeIfAbsent(selector.type(), type -> new WildcardGroup(pattern, new ArrayList<>()))
                        .targets().add(target);
            }
        }

        void collect(Facts facts, List<Target> into) {
            for (Target target : targetsOf(facts.type())) {
                if (target.accepts(facts.level(), facts.resourceType())) {
                    into.add(target);
                }
            }
        }

        private Target[] targetsOf(String type) {
            Target[] known = byType.get(type);
            if (known != null) {
                return known;
            }
            List<Target> matching = new ArrayList<>(exactTypes.getOrDefault(type, List.of()));
            for (WildcardGroup group : wildcards.values()) {
                if (group.pattern().matches(type)) {
                    matching.addAll(group.targets());
                }
            }
            Target[] targets = matching.toArray(Target[]::new);
            if (byType.size() < REMEMBERED_TYPES) {
                byType.putIfAbsent(type, targets);
            }
            return targets;
        }
    }
}
