package dev.herald.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Herald in a child JVM ({@link ChildHeraldMain}) started from the benchmark's own classpath, so
 * peak heap and RSS are Herald's alone. Its output goes to a log file; the lines of its small
 * protocol ({@link #READY}, {@link #MEMORY}, {@link #ROWS}) are picked out of it.
 */
final class ChildHerald implements AutoCloseable {

    static final String READY = "HERALD-CHILD ready";
    static final String MEMORY = "HERALD-CHILD memory";
    static final String ROWS = "HERALD-CHILD rows";

    /**
     * Herald's heap: the most in use (before a collection), the most in use right after one, the
     * limit, the time its collectors took, and what a full collection at the end leaves (the live heap).
     */
    record Heap(long peakBytes, long afterGcBytes, long maxBytes, long gcMillis, long liveBytes) {
    }

    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> protocol = new LinkedBlockingQueue<>();
    private int port;

    private ChildHerald(Process process) {
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Starts Herald with these settings and JVM options, and waits until it is up. */
    static ChildHerald start(Map<String, String> settings, List<String> jvmOptions, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath());
        command.add(ChildHeraldMain.class.getName());
        settings.forEach((key, value) -> command.add(key + "=" + value));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ChildHerald child = new ChildHerald(process);
        child.copyOutput(Files.newBufferedWriter(log, StandardCharsets.UTF_8));
        child.port = (int) number(child.awaitLine(READY, 180, "start (see " + log + ")"), "port");
        return child;
    }

    long pid() {
        return process.pid();
    }

    /** The port of Herald's API, on loopback. */
    int port() {
        return port;
    }

    boolean alive() {
        return process.isAlive();
    }

    Heap heap() {
        commands.println("memory");
        String line = awaitLine(MEMORY, 30, "answer with its memory");
        return new Heap(number(line, "peak"), number(line, "afterGc"), number(line, "max"),
                number(line, "gcMillis"), number(line, "live"));
    }

    /** The rows each table's {@link H2RowCountingTrigger} counted so far, in Herald's JVM (H2 only). */
    Map<String, TableWrites> rowsWritten() {
        commands.println("rows");
        Map<String, TableWrites> rows = new TreeMap<>();
        for (String part : awaitLine(ROWS, 30, "answer with its rows written").substring(ROWS.length()).trim().split(" ")) {
            if (!part.isEmpty()) {
                String[] table = part.split("=");
                String[] counts = table[1].split("/");
                rows.put(table[0], new TableWrites(Long.parseLong(counts[0]), Long.parseLong(counts[1]),
                        Long.parseLong(counts[2])));
            }
        }
        return rows;
    }

    /** The child's peak resident set (VmHWM in /proc/&lt;pid&gt;/status), in bytes; -1 where there is no /proc. */
    long peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            // not Linux, or the child is gone
        }
        return -1;
    }

    /** CPU time the child used so far (user and system, /proc/&lt;pid&gt;/stat), in seconds; -1 where there is no /proc. */
    double cpuSeconds() {
        return MachineCpu.processSeconds(pid());
    }

    private void copyOutput(Writer log) {
        Thread copier = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)); log) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    log.write(line);
                    log.write('\n');
                    if (line.startsWith("HERALD-CHILD ")) {
                        log.flush();
                        protocol.add(line);
                    }
                }
            } catch (IOException e) {
                // the child is gone; waiting for a line says so
            }
        }, "herald-child-output");
        copier.setDaemon(true);
        copier.start();
    }

    private String awaitLine(String prefix, int seconds, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try {
            while (System.nanoTime() < deadline) {
                String line = protocol.poll(200, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line;
                }
                if (line == null && !process.isAlive()) {
                    throw new IllegalStateException("Herald's JVM exited (code " + process.exitValue() + ") before it did "
                            + what);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("Herald's JVM did not " + what + " within " + seconds + " s");
    }

    private static long number(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        throw new IllegalStateException("no " + name + " in: " + line);
    }

    /**
     * This JVM's classpath: under {@code mvn exec:java} the project's classes and dependencies are
     * in the class loader Maven made for them (java.class.path names only Maven's own launcher).
     */
    private static String classpath() {
        if (!(ChildHerald.class.getClassLoader() instanceof URLClassLoader loader)) {
            return System.getProperty("java.class.path");
        }
        List<String> entries = new ArrayList<>();
        for (URL url : loader.getURLs()) {
            try {
                entries.add(Path.of(url.toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new IllegalStateException("cannot use classpath entry " + url, e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    @Override
    public void close() {
        commands.println("stop");
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
