package dev.herald.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.selector.Selector;
import dev.herald.selector.SelectorScope;
import dev.herald.support.SampleEvents;
import dev.herald.support.SampleEvents.CatalogueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A realistic population of selectors and events for {@link SelectorMatcherBenchmark}, over
 * Anchore's 33 event types (the catalogue Herald ships) and {@value #ACCOUNTS} accounts, from a
 * fixed seed. Two selectors per configuration; 0.1% of the selectors are the admin account's
 * {@code global} ones; of the others:
 * <ul>
 * <li>30% Quick Selection presets: {@code user.checks.*}, {@code user.*}, {@code system.*}, {@code *},
 * each with level {@code *}, {@code info} or {@code error};</li>
 * <li>45% exact types, 60% of them with level {@code *} and 20% with their exact resource type;</li>
 * <li>25% other wildcards: a type's first two or three parts then {@code *}, or {@code *.} and its last part.</li>
 * </ul>
 * Events: 95% of them in the 100 accounts, 5% admin; 80% the two update types scanners send most
 * ({@code user.checks.tag.vulnerabilities.update}, {@code …policy_evaluation.update}), the rest any type,
 * each with the sample details of its type ({@link SampleEvents}).
 *
 * <p>With {@code celShare} above 0, that share of the selectors (one in ten for 1,000 of 10,000)
 * also carries a CEL filter, one of {@link #CEL_FILTERS}: what people filter on, written as the
 * README advises (a {@code has()} guard before a field only some events have).
 */
final class SelectorMix {

    static final int ACCOUNTS = 100;
    private static final String[] PRESETS = {"user.checks.*", "user.*", "system.*", "*"};
    private static final String[] LEVELS = {"*", "info", "error"};

    /**
     * Filters over the resource, the level, the source and the details of the sample events; each
     * selector's has its own number in it ({@code %d}), so no two selectors share a compiled filter
     * or a result, as most users' filters will not.
     */
    static final List<String> CEL_FILTERS = List.of(
            "event.resource.id != null && event.resource.id.startsWith('docker.io/acme/') && %d > 0",
            "event.level == 'error' || event.resource.type == 'image_tag' && %d > 0",
            "has(event.details.curr_eval) && has(event.details.curr_eval.status) "
                    + "&& event.details.curr_eval.status == 'fail' && %d > 0",
            "has(event.details.diff_vulnerability_result) "
                    + "&& event.details.diff_vulnerability_result.added.exists(v, v.Severity == 'Critical') && %d > 0",
            "event.resource.id != null && !event.resource.id.endsWith(':latest-%d')",
            "event.source.host_id in ['ci-7', 'ci-%d']");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An event as the matcher sees it: the four facts, and the whole event for the filters. */
    record SampleEvent(String account, String level, String type, String resourceType, JsonNode json) {
    }

    private final Random random;
    private final List<CatalogueType> types;

    SelectorMix(long seed) {
        this.random = new Random(seed);
        this.types = SampleEvents.catalogue();
    }

    private static String account(int index) {
        return "account-" + index;
    }

    List<Selector> selectors(int count) {
        return selectors(count, 0);
    }

    /** {@code count} selectors, {@code withCel} of them (spread evenly) with a CEL filter. */
    List<Selector> selectors(int count, int withCel) {
        List<Selector> selectors = new ArrayList<>(count);
        int every = withCel == 0 ? Integer.MAX_VALUE : count / withCel;
        for (int i = 0; i < count; i++) {
            String configuration = "configuration-" + i / 2;
            boolean global = random.nextInt(1000) == 0;
            String account = global ? "admin" : account((i / 2) % ACCOUNTS);
            Selector selector = selector(i, configuration, account, global ? SelectorScope.GLOBAL : SelectorScope.ACCOUNT);
            if (i % every == every - 1) {
                selector = new Selector(selector.uuid(), selector.configurationUuid(), selector.account(), selector.scope(),
                        selector.level(), selector.type(), selector.resourceType(), null, pick(CEL_FILTERS).formatted(i));
            }
            selectors.add(selector);
        }
        return selectors;
    }

    private Selector selector(int i, String configuration, String account, SelectorScope scope) {
        String uuid = "selector-" + i;
        int kind = random.nextInt(100);
        if (kind < 30) {
            return new Selector(uuid, configuration, account, scope, pick(LEVELS), pick(PRESETS), Selector.ANY);
        }
        CatalogueType type = types.get(random.nextInt(types.size()));
        if (kind < 75) {
            String level = random.nextInt(100) < 60 ? Selector.ANY : type.level();
            String resource = random.nextInt(100) < 20 ? type.resourceType() : Selector.ANY;
            return new Selector(uuid, configuration, account, scope, level, type.type(), resource);
        }
        String[] parts = type.type().split("\\.");
        String pattern = random.nextBoolean()
                ? "*." + parts[parts.length - 1]
                : String.join(".", List.of(parts).subList(0, Math.min(parts.length - 1, 2 + random.nextInt(2)))) + ".*";
        return new Selector(uuid, configuration, account, scope, Selector.ANY, pattern, Selector.ANY);
    }

    List<SampleEvent> events(int count) {
        List<SampleEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            CatalogueType type = random.nextInt(100) < 80 ? types.get(random.nextInt(2)) : types.get(random.nextInt(types.size()));
            String account = random.nextInt(100) < 5 ? "admin" : account(random.nextInt(ACCOUNTS));
            ObjectNode json = JSON.valueToTree(SampleEvents.of(type));
            ((ObjectNode) json.get("resource")).put("account_name", account);
            events.add(new SampleEvent(account, type.level(), type.type(), type.resourceType(), json));
        }
        return events;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
