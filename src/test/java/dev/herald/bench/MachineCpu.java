package dev.herald.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time, in seconds, used by every process on the machine (the first line of /proc/stat: user,
 * nice, system, irq, softirq and steal; not idle nor iowait) and by this JVM. With Herald's own
 * CPU time beside them, they show what the database, the receiver and the inserts took of the
 * same cores.
 */
final class MachineCpu {

    /** Linux's USER_HZ, the unit of /proc/stat times, 100 on every common platform. */
    private static final int CLOCK_TICKS = 100;

    private MachineCpu() {
    }

    /** The machine's busy CPU seconds since boot; -1 where there is no /proc. */
    static double seconds() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(fields[field]);
            }
            return busy / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The CPU seconds this JVM has used (every thread, user and system). */
    static double thisProcessSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
