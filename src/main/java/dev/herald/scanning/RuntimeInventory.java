package dev.herald.scanning;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.event.Event;
import dev.herald.event.EventRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Stores runtime inventory reports and emits {@code user.runtime.image.unscanned} for the running
 * images that have no scan result. A report replaces the account's containers in every cluster it
 * covers (those of its containers, by {@code kubernetes.cluster.name}, and those it names in
 * {@code clusters}); other clusters keep theirs. An unscanned image is reported once per scope, the
 * container's whole label set, until a scan result for it arrives.
 */
public final class RuntimeInventory {

    /** What one report stored and emitted; {@code unscannedImages} counts the distinct running images without a scan result. */
    public record Reported(SortedSet<String> clusters, int containers, int unscannedImages, List<Event> events) {
    }

    private final Jdbi jdbi;
    private final RuntimeInventoryRepository inventory;
    private final ScanResultRepository results;
    private final EventRepository events;
    private final ImageEvents imageEvents;
    private final Clock clock;

    public RuntimeInventory(Jdbi jdbi, EventRepository events, ImageEvents imageEvents, Clock clock, ObjectMapper json) {
        this.jdbi = jdbi;
        this.inventory = new RuntimeInventoryRepository(json);
        this.results = new ScanResultRepository(json);
        this.events = events;
        this.imageEvents = imageEvents;
        this.clock = clock;
    }

    public Reported report(String account, InventoryReport report) {
        return UniqueViolations.retriedOnce(() -> jdbi.inTransaction(handle -> store(handle, account, report)));
    }

    private Reported store(Handle handle, String account, InventoryReport report) {
        Instant now = clock.instant();
        SortedSet<String> clusters = report.clusters();
        clusters.forEach(cluster -> inventory.touchCluster(handle, account, cluster, now));
        inventory.replaceContainers(handle, account, clusters, report.containers());

        Map<String, Boolean> scanned = new HashMap<>();
        Map<String, RunningContainer> unnoticed = new LinkedHashMap<>();
        for (RunningContainer container : report.containers()) {
            boolean isScanned = scanned.computeIfAbsent(container.imageKey(),
                    key -> results.isScanned(handle, account, container.image()));
            String notice = container.imageKey() + " " + container.scopeKey();
            if (!isScanned && !unnoticed.containsKey(notice) && !inventory.noticed(handle, account, container)) {
                unnoticed.put(notice, container);
            }
        }
        List<RunningContainer> toNotice = new ArrayList<>(unnoticed.values());
        List<Event> emitted = events.insert(handle, toNotice.stream()
                .map(container -> imageEvents.runtimeUnscanned(account, container.reference(), container.image(), container.labels()))
                .toList());
        for (int i = 0; i < toNotice.size(); i++) {
            inventory.recordNotice(handle, account, toNotice.get(i), emitted.get(i).eventId(), now);
        }
        int unscannedImages = (int) scanned.values().stream().filter(isScanned -> !isScanned).count();
        return new Reported(clusters, report.containers().size(), unscannedImages, emitted);
    }
}
