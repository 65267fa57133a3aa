package dev.herald.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/** A database for one test: an H2 file in a temporary folder, or a fresh database on the shared embedded PostgreSQL. */
public record TestDatabase(String url, String username, String password) {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** An H2 file database, as standalone Herald uses by default. */
    public static TestDatabase h2(Path folder) {
        return new TestDatabase("jdbc:h2:file:" + folder.resolve("herald").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE",
                "sa", "");
    }

    /** A new, empty database on the embedded PostgreSQL server the test JVM shares. */
    public static TestDatabase postgres() {
        String name = "herald_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        EmbeddedPostgres server = SharedPostgres.server();
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new TestDatabase(server.getJdbcUrl("postgres", name), "postgres", "postgres");
    }

    /** Direct SQL access, for setting up and checking what Herald stored. */
    public Jdbi jdbi() {
        return Jdbi.create(url, username, password);
    }

    /** The one embedded PostgreSQL server of the test JVM, started on first use. */
    private static final class SharedPostgres {
        private static EmbeddedPostgres server;

        static synchronized EmbeddedPostgres server() {
            if (server == null) {
                try {
                    server = EmbeddedPostgres.builder().start();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException e) {
                        // the JVM is exiting
                    }
                }));
            }
            return server;
        }
    }
}
