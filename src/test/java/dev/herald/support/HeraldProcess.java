package dev.herald.support;

import static org.awaitility.Awaitility.await;

import dev.herald.HeraldMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Herald as a separate JVM, started the way an operator starts it ({@link HeraldMain} with
 * environment variables) on a test database, so a test can kill it with SIGKILL, stop it with
 * SIGTERM, or run several side by side. Its console goes to {@code <folder>/<name>.log}.
 */
public final class HeraldProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private HeraldProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts Herald on {@code database} with a 0.1 s cycle, the tests' admin password and secret
     * key (shared, as replicas on one database must share it), and {@code environment} on top
     * (e.g. {@code HERALD_DISPATCH_CLAIM_TIMEOUT}); returns once its API answers.
     */
    public static HeraldProcess start(String name, TestDatabase database, Path folder, Map<String, String> environment) {
        List<String> command = List.of(
                javaCommand(),
                // short-lived and several at once on a small machine: the client compiler alone starts
                // a second sooner, and no optimizing compiler threads compete for the cores
                "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                HeraldMain.class.getName());
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("HERALD_DATASOURCE_URL", database.url());
        settings.put("HERALD_DATASOURCE_USERNAME", database.username());
        settings.put("HERALD_DATASOURCE_PASSWORD", database.password());
        settings.put("HERALD_ADMIN_PASSWORD", HeraldInstance.ADMIN_PASSWORD);
        settings.put("HERALD_SECRET_KEY", HeraldInstance.SECRET_KEY);
        settings.put("HERALD_DATA_DIRECTORY", folder.resolve(name + "-data").toString());
        settings.put("HERALD_CYCLE_TIMERS_NOTIFICATIONS", "0.1");
        settings.putAll(environment);
        HeraldProcess herald = launch(name, command, folder, settings);
        ApiClient admin = herald.api();
        herald.awaitReady(() -> admin.get("/v2/notifications/endpoints").status() == 200);
        return herald;
    }

    /**
     * Starts a packaged jar as a user does, {@code java -jar} in {@code folder} with nothing set but
     * the port and {@code environment}: the database, the secret key and the admin password are
     * Herald's defaults. Returns once its readiness check answers 200.
     */
    public static HeraldProcess startJar(String name, Path jar, Path folder, Map<String, String> environment) {
        List<String> command = List.of(javaCommand(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString());
        HeraldProcess herald = launch(name, command, folder, environment);
        ApiClient anonymous = ApiClient.anonymous(herald.baseUrl());
        herald.awaitReady(() -> anonymous.get("/observe/health/ready").status() == 200);
        return herald;
    }

    private static HeraldProcess launch(String name, List<String> command, Path folder, Map<String, String> environment) {
        int port = freePort();
        Path log = folder.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("CAMEL_SERVER_PORT", Integer.toString(port));
        builder.environment().putAll(environment);
        try {
            return new HeraldProcess(name, builder.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * An empty folder for the processes of one test, under {@code target/}, so their logs outlive
     * the test for diagnosis (a {@code @TempDir} would be deleted with them).
     */
    public static Path folderFor(Class<?> test) {
        Path folder = Path.of("target", "herald-processes", test.getSimpleName()).toAbsolutePath();
        try {
            if (Files.exists(folder)) {
                try (Stream<Path> files = Files.walk(folder)) {
                    files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                }
            }
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Callable<Boolean> ready) {
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(name + " exited with " + process.exitValue());
                        }
                        return ready.call();
                    });
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not start; the end of its log:\n" + logTail(40), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    /** The operating system's process id, which Herald puts in the name of its claims ({@code host-<pid>-…}). */
    public long pid() {
        return process.pid();
    }

    /** A SQL LIKE pattern matching the claimant names of this process. */
    public String claimantPattern() {
        return "%-" + pid() + "-%";
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** An API client signed in as the admin user. */
    public ApiClient api() {
        return ApiClient.anonymous(baseUrl()).withCredentials("admin", HeraldInstance.ADMIN_PASSWORD);
    }

    /** SIGKILL, as a crash or the OOM killer would: no shutdown hook runs, nothing is finished or released. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM, as an orchestrator stops a process: Camel shuts down gracefully. */
    public void stop() {
        process.destroy();
        waitForExit();
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not exit within 60 s; the end of its log:\n" + logTail(40));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last lines of the process's console, for a failure message. */
    public String logTail(int lines) {
        try {
            List<String> all = log();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Every line the process has written to its console (standard output and error) so far. */
    public List<String> log() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the process if a test left it running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
