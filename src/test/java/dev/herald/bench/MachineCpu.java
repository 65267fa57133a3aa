package dev.herald.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time, in seconds, used by every process on the machine (the first line of /proc/stat: user,
 * nice, system, irq, softirq and steal; not idle nor iowait), by one process, and by this JVM. With Herald's own
 * CPU time beside them, they show what the database, the receiver and the inserts took of the
 * same cores.
 */
final class MachineCpu {

    /** Linux's USER_HZ, the unit of /proc times, 100 on every common platform. */
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

    /** CPU time a process has used so far (user and system, /proc/&lt;pid&gt;/stat), in seconds; -1 where there is no /proc. */
    static double processSeconds(long pid) {
        try {
            String[] fields = statFields(pid);
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * CPU time a process and all its descendants have used so far, those that ended included (their
     * time is in their parent's cutime and cstime once it has reaped them), in seconds: a database
     * server with a process per connection, such as PostgreSQL. -1 where there is no /proc.
     */
    static double processTreeSeconds(long pid) {
        double seconds = withChildren(pid);
        if (seconds < 0) {
            return -1;
        }
        for (ProcessHandle descendant : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of())) {
            // one that ended since the listing counts in its parent's children's time
            seconds += Math.max(0, withChildren(descendant.pid()));
        }
        return seconds;
    }

    /** utime + stime + cutime + cstime of /proc/&lt;pid&gt;/stat, in seconds; -1 when it cannot be read. */
    private static double withChildren(long pid) {
        try {
            String[] fields = statFields(pid);
            long ticks = 0;
            for (int field = 11; field <= 14; field++) {
                ticks += Long.parseLong(fields[field]);
            }
            return ticks / (double) CLOCK_TICKS;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The fields of /proc/&lt;pid&gt;/stat after the command name (in parentheses): state is [0], utime [11], stime [12]. */
    private static String[] statFields(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** The CPU seconds this JVM has used (every thread, user and system). */
    static double thisProcessSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
