package dev.herald.selector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelVariableResolver;
import dev.herald.event.Severity;
import dev.herald.selector.cel.CelFilter;
import dev.herald.selector.cel.FilterSyntaxError;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one selector checks after its four fields have matched: its min_severity, then its CEL
 * filter (the dearer). A filter that fails on an event (a missing key, a type it cannot compare)
 * is no match; the first failure of each selector is logged at WARN, the rest are not, so a filter
 * that fails on every event does not flood the log. The error names the selector and CEL's reason,
 * never the event's content.
 */
final class SelectorFilters {

    private static final Logger LOG = LoggerFactory.getLogger(SelectorFilters.class);

    private final String selectorUuid;
    private final Severity minSeverity;
    private final CelFilter filter;
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    private SelectorFilters(String selectorUuid, Severity minSeverity, CelFilter filter) {
        this.selectorUuid = selectorUuid;
        this.minSeverity = minSeverity;
        this.filter = filter;
    }

    /**
     * The selector's filters, or null when it has none.
     *
     * @param compiler compiles a CEL filter's text (or finds it compiled already)
     */
    static SelectorFilters of(Selector selector, Function<String, CelFilter> compiler) {
        if (!selector.isFiltered()) {
            return null;
        }
        return new SelectorFilters(selector.uuid(), selector.minSeverity(), compile(selector, compiler));
    }

    /**
     * The API refuses a filter that does not compile, but one stored otherwise (or by a Herald whose
     * CEL read it differently) must not stop every other selector from loading: it matches nothing.
     */
    private static CelFilter compile(Selector selector, Function<String, CelFilter> compiler) {
        if (selector.filter() == null) {
            return null;
        }
        try {
            return compiler.apply(selector.filter());
        } catch (FilterSyntaxError e) {
            LOG.warn("Selector {} of configuration {}: its filter does not compile ({}); it matches nothing",
                    selector.uuid(), selector.configurationUuid(), e.getMessage());
            return compiler.apply("false");
        }
    }

    Severity minSeverity() {
        return minSeverity;
    }

    boolean hasCel() {
        return filter != null;
    }

    /**
     * @param details    the event's details
     * @param activation the event for CEL ({@link dev.herald.selector.cel.CelValues#activation}), or
     *                   null when this selector has no CEL filter
     */
    boolean admit(JsonNode details, CelVariableResolver activation) {
        if (minSeverity != null && !VulnerabilityFloor.admits(details, minSeverity)) {
            return false;
        }
        if (filter == null) {
            return true;
        }
        try {
            return filter.test(activation);
        } catch (CelEvaluationException | RuntimeException e) {
            if (failureLogged.compareAndSet(false, true)) {
                LOG.warn("Selector {}: its filter failed on an event ({}); such events do not match it. "
                        + "Logged once per selector", selectorUuid, e.getMessage());
            }
            return false;
        }
    }
}
