package dev.herald.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.herald.support.HeraldInstance;
import dev.herald.support.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The benchmark's child JVM: Herald alone ({@link HeraldInstance}: HeraldMain, application.properties,
 * the YAML routes), so its heap and RSS are Herald's only. Arguments are {@code key=value} settings
 * (the {@code herald.datasource.*} ones say which database). It prints {@value ChildHerald#READY}
 * once started, answers {@code memory} on standard input with its heap figures and {@code rows}
 * with the rows its {@link H2RowCountingTrigger}s counted (H2 only), and stops on
 * {@code stop} or end of input.
 *
 * <p>Peak heap is taken from the garbage collector's notifications: the heap in use just before
 * each collection (the most it held) and just after it, the highest of each. After a young
 * collection the old generation still holds whatever died there since the last old or mixed
 * collection, so "after GC" is an upper bound of the live heap, not the live heap itself; the
 * {@code memory} command therefore also runs a full collection and reports what is left ("live").
 * GC time is the collectors' own count (G1: pauses; its concurrent marking is not in it), taken
 * before that last collection.
 */
public final class ChildHeraldMain {

    private static final AtomicLong PEAK_BEFORE_GC = new AtomicLong();
    private static final AtomicLong MOST_AFTER_GC = new AtomicLong();

    private ChildHeraldMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            settings.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        TestDatabase database = new TestDatabase(settings.remove("herald.datasource.url"),
                settings.remove("herald.datasource.username"), settings.remove("herald.datasource.password"));
        watchCollections();
        try (HeraldInstance herald = HeraldInstance.start(database, settings)) {
            System.out.println(ChildHerald.READY + " port=" + herald.port());
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command = commands.readLine(); command != null && !command.equals("stop");
                    command = commands.readLine()) {
                if (command.equals("memory")) {
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    String figures = " peak=" + Math.max(used, PEAK_BEFORE_GC.get()) + " afterGc=" + MOST_AFTER_GC.get()
                            + " max=" + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax()
                            + " gcMillis=" + ManagementFactory.getGarbageCollectorMXBeans().stream()
                                    .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
                    System.gc();
                    System.out.println(ChildHerald.MEMORY + figures + " live="
                            + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                } else if (command.equals("rows")) {
                    StringBuilder rows = new StringBuilder(ChildHerald.ROWS);
                    H2RowCountingTrigger.counts().forEach((table, writes) -> rows.append(' ').append(table).append('=')
                            .append(writes.inserted()).append('/').append(writes.updated()).append('/')
                            .append(writes.deleted()));
                    System.out.println(rows);
                }
            }
        }
        System.exit(0);
    }

    private static void watchCollections() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
                    PEAK_BEFORE_GC.accumulateAndGet(heapUsed(info.getMemoryUsageBeforeGc()), Math::max);
                    MOST_AFTER_GC.accumulateAndGet(heapUsed(info.getMemoryUsageAfterGc()), Math::max);
                }
            }, null, null);
        }
    }

    /** The heap pools' usage added up (the GC info lists every pool, heap or not). */
    private static long heapUsed(Map<String, MemoryUsage> pools) {
        long used = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage usage = pools.get(pool.getName());
            if (usage != null && pool.getType() == MemoryType.HEAP) {
                used += usage.getUsed();
            }
        }
        return used;
    }
}
