package dev.herald.bench;

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
 * ({@code user.checks.tag.vulnerabilities.update}, {@code …policy_evaluation.update}), the rest any type.
 */
final class SelectorMix {

    static final int ACCOUNTS = 100;
    private static final String[] PRESETS = {"user.checks.*", "user.*", "system.*", "*"};
    private static final String[] LEVELS = {"*", "info", "error"};

    /** An event as the matcher sees it. */
    record SampleEvent(String account, String level, String type, String resourceType) {
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
        List<Selector> selectors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String configuration = "configuration-" + i / 2;
            boolean global = random.nextInt(1000) == 0;
            String account = global ? "admin" : account((i / 2) % ACCOUNTS);
            selectors.add(selector(i, configuration, account, global ? SelectorScope.GLOBAL : SelectorScope.ACCOUNT));
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
            events.add(new SampleEvent(account, type.level(), type.type(), type.resourceType()));
        }
        return events;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
