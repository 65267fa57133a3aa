package dev.herald.bench;

import dev.herald.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One benchmark run's database, a new H2 file or a new database on the embedded PostgreSQL, and
 * Herald started on it in its own JVM ({@link ChildHerald}), with what the database says about
 * itself: the rows written to each table ({@link RowWriteCounter}) and, for PostgreSQL, which runs
 * as processes of its own, their CPU time. On H2, Herald's JVM opens the file with
 * {@code AUTO_SERVER=TRUE} and the benchmark's connections reach it over loopback TCP.
 */
final class HeraldOnDatabase implements AutoCloseable {

    static {
        // H2's AUTO_SERVER listens, and says where, on loopback only (set before H2's classes load here)
        System.setProperty("h2.bindAddress", "127.0.0.1");
    }

    private final TestDatabase database;
    private final ChildHerald herald;
    private final RowWriteCounter rows;
    private final long postmasterPid;

    private HeraldOnDatabase(TestDatabase database, ChildHerald herald, RowWriteCounter rows, long postmasterPid) {
        this.database = database;
        this.herald = herald;
        this.rows = rows;
        this.postmasterPid = postmasterPid;
    }

    /**
     * Starts Herald on a new database of this kind ({@code h2} or {@code postgres}) with these
     * settings over the datasource's; {@code name} names its log and Flight Recording.
     */
    static HeraldOnDatabase start(String kind, Path folder, String name, Map<String, String> settings,
            String heap, Optional<Path> jfr) throws IOException {
        TestDatabase database = kind.equals("h2")
                // AUTO_SERVER: Herald's JVM opens the file first and serves this JVM's connections over loopback TCP
                ? new TestDatabase("jdbc:h2:file:" + folder.resolve("herald").toAbsolutePath()
                        + ";AUTO_SERVER=TRUE", "sa", "")
                : TestDatabase.postgres();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("herald.datasource.url", database.url());
        all.put("herald.datasource.username", database.username());
        all.put("herald.datasource.password", database.password());
        all.putAll(settings);
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError",
                "-Dh2.bindAddress=127.0.0.1"));
        jfr.ifPresent(dir -> jvm.add("-XX:StartFlightRecording=settings=profile,filename="
                + dir.resolve("herald-" + name + ".jfr")));
        ChildHerald herald = ChildHerald.start(all, jvm, folder.resolve("herald-" + name + ".log"));
        try {
            if (kind.equals("h2")) {
                return new HeraldOnDatabase(database, herald, H2RowWrites.install(database.jdbi(), herald), -1);
            }
            // the parent of this connection's backend process, asked while the connection (and so the backend) lives
            long postmaster = database.jdbi().withHandle(h -> {
                long backend = h.createQuery("SELECT pg_backend_pid()").mapTo(Long.class).one();
                return ProcessHandle.of(backend).flatMap(ProcessHandle::parent).orElseThrow(
                        () -> new IllegalStateException("no parent process of PostgreSQL's backend " + backend)).pid();
            });
            return new HeraldOnDatabase(database, herald, new PostgresRowWrites(database.jdbi()), postmaster);
        } catch (RuntimeException e) {
            herald.close();
            throw e;
        }
    }

    TestDatabase database() {
        return database;
    }

    ChildHerald herald() {
        return herald;
    }

    /** Rows written so far, per table, as the database counts them. */
    Map<String, TableWrites> rowsWritten() {
        return rows.read();
    }

    /**
     * CPU seconds the database's processes have used so far (PostgreSQL's postmaster and every
     * process under it); null for H2, whose work is done in Herald's JVM and counts in Herald's.
     */
    Double databaseCpuSeconds() {
        if (postmasterPid < 0) {
            return null;
        }
        double seconds = MachineCpu.processTreeSeconds(postmasterPid);
        return seconds < 0 ? null : seconds;
    }

    @Override
    public void close() {
        herald.close();
    }

    /**
     * Deletes the H2 files of a run in this folder and answers the database file's size in MB
     * (null when there was none). H2 never compacts its file while Herald runs: a run of 100,000
     * events leaves several GB. Herald's log stays.
     */
    static Long deleteH2Files(Path folder) {
        Long databaseFileMb = null;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("herald.")).toList()) {
                if (file.getFileName().toString().endsWith(".mv.db")) {
                    databaseFileMb = Files.size(file) >> 20;
                }
                Files.delete(file);
            }
        } catch (IOException e) {
            // a benchmark's leftovers in the temporary folder, not worth failing the run for
        }
        return databaseFileMb;
    }
}
