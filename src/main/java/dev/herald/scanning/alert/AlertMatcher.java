package dev.herald.scanning.alert;

import dev.herald.scanning.RuntimeLabels;
import dev.herald.scanning.scope.ScopeSyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches events against the enabled scanning alerts, compiled once per configuration change (like
 * the selectors): indexed by account, then by trigger, so an event meets only the alerts of its own
 * account that fire on its type. Alerts that could send nothing (disabled, or without a channel that
 * still exists in their account) are left out, so {@link #watches} stays false for accounts with none.
 */
public final class AlertMatcher {

    public static final AlertMatcher NONE = new AlertMatcher(Map.of(), 0);

    private static final Logger LOG = LoggerFactory.getLogger(AlertMatcher.class);

    private final Map<String, Map<Trigger, List<CompiledAlert>>> byAccount;
    private final int size;

    private AlertMatcher(Map<String, Map<Trigger, List<CompiledAlert>>> byAccount, int size) {
        this.byAccount = byAccount;
        this.size = size;
    }

    /** An alert reduced to what matching needs; {@code channels} only those that exist in its account. */
    private record CompiledAlert(FiredAlert alert, boolean onlyPassFail, AlertTarget target, List<String> channels) {
    }

    /**
     * @param channelAccounts the account of every endpoint configuration, by uuid: a channel that is not
     *                        there (deleted) or belongs to another account is skipped
     */
    public static AlertMatcher compile(Collection<Alert> alerts, Map<String, String> channelAccounts) {
        Map<String, Map<Trigger, List<CompiledAlert>>> byAccount = new HashMap<>();
        int size = 0;
        for (Alert alert : alerts) {
            AlertSettings settings = alert.settings();
            List<String> channels = settings.notificationChannelIds().stream()
                    .filter(uuid -> alert.account().equals(channelAccounts.get(uuid)))
                    // each once: a delivery records each of its alerts once
                    .distinct()
                    .toList();
            if (!settings.enabled() || channels.isEmpty()) {
                continue;
            }
            AlertTarget target;
            try {
                target = AlertTarget.of(settings);
            } catch (ScopeSyntaxException e) {
                // saved scopes were read when saved; one that no longer reads must not stop the relay
                LOG.warn("Scanning alert {} is left out: its scope cannot be read ({})", alert.alertId(), e.getMessage());
                continue;
            }
            CompiledAlert compiled = new CompiledAlert(new FiredAlert(alert.alertId(), settings.name()),
                    settings.onlyPassFail(), target, channels);
            Map<Trigger, List<CompiledAlert>> own = byAccount.computeIfAbsent(alert.account(), a -> new EnumMap<>(Trigger.class));
            for (Trigger trigger : settings.triggers()) {
                own.computeIfAbsent(trigger, t -> new ArrayList<>()).add(compiled);
            }
            size++;
        }
        return new AlertMatcher(byAccount, size);
    }

    /**
     * Whether an enabled alert of the account fires on events of this type; only then does the relay
     * read the event's resource and details. Asked for every relayed event: two lookups, no allocation.
     */
    public boolean watches(String account, String eventType) {
        Map<Trigger, List<CompiledAlert>> own = byAccount.get(account);
        if (own == null) {
            return false;
        }
        Optional<Trigger> trigger = Trigger.forEventType(eventType);
        return trigger.isPresent() && own.containsKey(trigger.get());
    }

    /**
     * The channels (configuration uuids) of the account's alerts that the event fires, each once, with
     * the alerts that chose it, in the order the alerts were compiled: a message names its alerts.
     *
     * @param runtimeLabels where images run, asked at most once, and only for runtime alerts on events
     *                      that do not say where their image runs themselves
     */
    public Map<String, List<FiredAlert>> match(String account, ScanningEvent event, RuntimeLabels runtimeLabels) {
        List<CompiledAlert> alerts = byAccount.getOrDefault(account, Map.of()).getOrDefault(event.trigger(), List.of());
        Map<String, List<FiredAlert>> channels = new LinkedHashMap<>();
        Supplier<List<Map<String, String>>> whereRunning = new WhereRunning(account, event, runtimeLabels);
        for (CompiledAlert alert : alerts) {
            if (alert.onlyPassFail() && event.trigger() == Trigger.POLICY_EVAL && !event.passedToFailed()) {
                continue;
            }
            if (alert.target().covers(event, whereRunning)) {
                alert.channels().forEach(channel -> channels.computeIfAbsent(channel, c -> new ArrayList<>()).add(alert.alert()));
            }
        }
        return channels;
    }

    /** How many alerts can fire. */
    public int size() {
        return size;
    }

    /** The label sets of the event's image, read once per event. */
    private static final class WhereRunning implements Supplier<List<Map<String, String>>> {
        private final String account;
        private final ScanningEvent event;
        private final RuntimeLabels runtimeLabels;
        private List<Map<String, String>> labels;

        WhereRunning(String account, ScanningEvent event, RuntimeLabels runtimeLabels) {
            this.account = account;
            this.event = event;
            this.runtimeLabels = runtimeLabels;
        }

        @Override
        public List<Map<String, String>> get() {
            if (labels == null) {
                if (event.trigger() == Trigger.UNSCANNED) {
                    labels = event.runningWith();
                } else {
                    labels = event.image() == null ? List.of() : runtimeLabels.whereRunning(account, event.image());
                }
            }
            return labels;
        }
    }
}
