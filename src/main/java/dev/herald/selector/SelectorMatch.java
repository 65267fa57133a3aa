package dev.herald.selector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.runtime.CelVariableResolver;
import dev.herald.event.Severity;
import dev.herald.selector.cel.CelValues;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The configurations one event goes to, in two steps. {@link SelectorMatcher#match} does the cheap
 * part from the four facts every event has (a {@link MatchPlan}, shared by the events with the same
 * four); selectors with a min_severity or a filter that passed it are left pending, and
 * {@link #settle} checks them against the whole event. Most events meet no filtered selector, or
 * only ones of configurations already chosen without a floor, and need no second step
 * ({@link #needsEvent()}).
 *
 * <p>Each configuration keeps the floor of its message: null (everything) if any matching selector
 * has no min_severity, otherwise the lowest min_severity among its matching selectors, so that
 * several selectors of one configuration list what the least demanding of them asks for.
 */
public final class SelectorMatch {

    private final MatchPlan plan;
    /**
     * Configuration uuid to the floor of its message (null: no floor), in the order found; null
     * while no filtered selector has matched, when the plan's chosen configurations are all.
     */
    private Map<String, Severity> floors;
    private boolean settled;

    SelectorMatch(MatchPlan plan) {
        this.plan = plan;
    }

    /** Whether {@link #settle} must see the event before {@link #configurations()} is known. */
    public boolean needsEvent() {
        return !settled && plan.pending().length > 0;
    }

    /**
     * Checks the pending selectors against the event.
     *
     * @param event the event as Herald's webhooks send it ({@code {id, type, level, message, details,
     *              timestamp, resource, source}})
     */
    public void settle(JsonNode event) {
        if (!needsEvent()) {
            return;
        }
        JsonNode details = event.get("details");
        CelVariableResolver activation = null;
        for (SelectorMatcher.Target target : plan.pending()) {
            String configuration = target.configurationUuid();
            if (floors != null && floors.containsKey(configuration) && floors.get(configuration) == null) {
                continue;
            }
            SelectorFilters filters = target.filters();
            if (activation == null && filters.hasCel()) {
                activation = CelValues.activation(event);
            }
            if (filters.admit(details, activation)) {
                choose(configuration, filters.minSeverity());
            }
        }
        settled = true;
    }

    private void choose(String configuration, Severity floor) {
        if (floors == null) {
            floors = new LinkedHashMap<>();
            plan.chosen().forEach(chosen -> floors.put(chosen, null));
        }
        if (!floors.containsKey(configuration)) {
            floors.put(configuration, floor);
            return;
        }
        Severity chosen = floors.get(configuration);
        if (chosen != null && (floor == null || floor.ordinal() > chosen.ordinal())) {
            floors.put(configuration, floor);
        }
    }

    /** The configurations the event goes to, each once, in a stable order. */
    public Set<String> configurations() {
        if (needsEvent()) {
            throw new IllegalStateException("Filtered selectors matched: settle the match with the event first");
        }
        return floors == null ? plan.chosen() : Collections.unmodifiableSet(floors.keySet());
    }

    /** The floor of the configuration's message: null to list every vulnerability. */
    public Severity floor(String configuration) {
        return floors == null ? null : floors.get(configuration);
    }
}
