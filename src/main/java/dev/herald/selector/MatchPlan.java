package dev.herald.selector;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an event's four facts (account, level, type, resource type) alone decide: the configurations
 * chosen by selectors without filters, and the filtered selectors left to settle with the whole
 * event, those of configurations already chosen left out. The same for every event with the same
 * four facts, so {@link SelectorMatcher} works it out once and every such event reuses it.
 * Immutable.
 */
final class MatchPlan {

    /** Most event types meet no selector in most accounts: one plan serves them all. */
    private static final MatchPlan NONE = new MatchPlan(new String[0], new SelectorMatcher.Target[0]);

    private final Set<String> chosen;
    private final SelectorMatcher.Target[] pending;

    private MatchPlan(String[] chosen, SelectorMatcher.Target[] pending) {
        this.chosen = new ChosenSet(chosen);
        this.pending = pending;
    }

    /** @param matched the selectors whose four fields match, in the order found */
    static MatchPlan of(List<SelectorMatcher.Target> matched) {
        if (matched.isEmpty()) {
            return NONE;
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (SelectorMatcher.Target target : matched) {
            if (target.filters() == null) {
                chosen.add(target.configurationUuid());
            }
        }
        SelectorMatcher.Target[] pending = matched.stream()
                .filter(target -> target.filters() != null && !chosen.contains(target.configurationUuid()))
                .toArray(SelectorMatcher.Target[]::new);
        return new MatchPlan(chosen.toArray(String[]::new), pending);
    }

    /** Configurations chosen with no floor, in the order found. */
    Set<String> chosen() {
        return chosen;
    }

    /** Filtered selectors to check against the event; none when the four facts settle the match. */
    SelectorMatcher.Target[] pending() {
        return pending;
    }

    /**
     * A read-only set over an array: a plan is kept for as long as its selectors are, and an event
     * meets a few dozen configurations at most, so a scan to answer {@code contains} is cheap and
     * the set costs no more memory than the array.
     */
    private static final class ChosenSet extends AbstractSet<String> {
        private final String[] configurations;

        ChosenSet(String[] configurations) {
            this.configurations = configurations;
        }

        @Override
        public Iterator<String> iterator() {
            return Arrays.asList(configurations).iterator();
        }

        @Override
        public int size() {
            return configurations.length;
        }
    }
}
