package dev.herald.selector;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Matches events against every selector, compiled once per configuration change.
 *
 * <p>Selectors are indexed by scope and account (an event only meets the global selectors and
 * those of its own account), then by type: exact types in a hash map, and wildcard selectors
 * grouped by pattern so each distinct pattern is tried once per event. Matching one event never
 * scans the selectors of other accounts.
 */
public final class SelectorMatcher {

    private final Map<String, Bucket> byAccount;
    private final Bucket global;
    private final int size;

    private SelectorMatcher(Map<String, Bucket> byAccount, Bucket global, int size) {
        this.byAccount = byAccount;
        this.global = global;
        this.size = size;
    }

    public static SelectorMatcher compile(Collection<Selector> selectors) {
        Map<String, Bucket> byAccount = new HashMap<>();
        Bucket global = new Bucket();
        for (Selector selector : selectors) {
            Bucket bucket = selector.scope() == SelectorScope.GLOBAL
                    ? global
                    : byAccount.computeIfAbsent(selector.account(), account -> new Bucket());
            bucket.add(selector);
        }
        return new SelectorMatcher(byAccount, global, selectors.size());
    }

    /** The configurations with at least one selector matching the event, each once, in a stable order. */
    public Set<String> match(String account, String level, String type, String resourceType) {
        Set<String> configurations = new LinkedHashSet<>();
        Bucket own = byAccount.get(account);
        if (own != null) {
            own.collect(level, type, resourceType, configurations);
        }
        global.collect(level, type, resourceType, configurations);
        return configurations;
    }

    public int size() {
        return size;
    }

    /** A selector reduced to what is left to check once its type has matched; null means "any". */
    private record Target(String level, String resourceType, String configurationUuid) {

        static Target of(Selector selector) {
            return new Target(
                    Selector.ANY.equals(selector.level()) ? null : selector.level(),
                    Selector.ANY.equals(selector.resourceType()) ? null : selector.resourceType(),
                    selector.configurationUuid());
        }

        boolean accepts(String eventLevel, String eventResourceType) {
            return (level == null || level.equals(eventLevel))
                    && (resourceType == null || resourceType.equals(eventResourceType));
        }
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

        void add(Selector selector) {
            TypePattern pattern = TypePattern.compile(selector.type());
            if (pattern.isExact()) {
                exactTypes.computeIfAbsent(selector.type(), type -> new ArrayList<>()).add(Target.of(selector));
            } else {
                wildcards.computeIfAbsent(selector.type(), type -> new WildcardGroup(pattern, new ArrayList<>()))
                        .targets().add(Target.of(selector));
            }
        }

        void collect(String level, String type, String resourceType, Set<String> into) {
            for (Target target : targetsOf(type)) {
                if (target.accepts(level, resourceType)) {
                    into.add(target.configurationUuid());
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
