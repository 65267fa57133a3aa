package dev.herald.embed;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.config.Herald;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A Camel integration of your own with Herald inside it: the host makes its CamelContext, its
 * DataSource, its settings and its HTTP server, adds its own routes, and adds Herald with one call.
 * Copy it as the start of yours. {@code HostExampleTest} runs it (so it compiles and works with every
 * change to Herald); {@code main} runs it by hand:
 *
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.herald.embed.HostExample</pre>
 */
public final class HostExample implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final VertxPlatformHttpServer httpServer;
    private final CamelContext camel;

    /**
     * @param httpPort the port of the host's HTTP server (0: any free one)
     * @param settings the host's own keys ({@code host.*} here) and Herald's ({@code herald.*}, as listed
     *                 in Herald's README); environment variables and system properties override them
     */
    public HostExample(int httpPort, Properties settings) throws Exception {
        // The host's database. Herald migrates its tables into it (Flyway) and needs a pool of at
        // least two connections; on H2, a user with admin rights (the first user of a new database is).
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(settings.getProperty("host.datasource.url"));
        dataSource.setUsername(settings.getProperty("host.datasource.username"));
        dataSource.setPassword(settings.getProperty("host.datasource.password"));
        dataSource.setMaximumPoolSize(4);

        camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("host");
        camel.getPropertiesComponent().setInitialProperties(settings);

        // The host's HTTP server, which serves Herald's REST API beside the host's own HTTP routes.
        // A host without one adds Herald with Herald.Parts.WITHOUT_REST_API instead.
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setPort(httpPort);
        httpServer = new VertxPlatformHttpServer(http);
        camel.addService(httpServer);

        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/host/hello").routeId("host-hello").setBody(constant("hello from the host"));
            }
        });

        // Herald: its schema, its beans, its YAML routes and its REST API, in the host's context.
        Herald.addTo(camel, dataSource);
    }

    public void start() {
        camel.start();
    }

    /** The port the host's HTTP server listens on, once started. */
    public int httpPort() {
        return httpServer.getPort();
    }

    public CamelContext camel() {
        return camel;
    }

    /** Stops the routes first (deliveries in flight are recorded), then closes the pool they used. */
    @Override
    public void close() {
        camel.stop();
        dataSource.close();
    }

    public static void main(String[] args) throws Exception {
        Properties settings = new Properties();
        settings.setProperty("host.datasource.url", "jdbc:h2:mem:host;DB_CLOSE_DELAY=-1");
        settings.setProperty("host.datasource.username", "sa");
        settings.setProperty("host.datasource.password", "");
        settings.setProperty("herald.admin.password", "change-me");
        // where Herald keeps the key it generates to encrypt stored secrets (or set herald.secret-key)
        settings.setProperty("herald.data-directory", "host-data");
        settings.setProperty("herald.cycle-timers.notifications", "1");

        HostExample host = new HostExample(8080, settings);
        Runtime.getRuntime().addShutdownHook(new Thread(host::close));
        host.start();
        System.out.println("Host and Herald on http://localhost:" + host.httpPort() + " (Herald's API under /v2); Ctrl-C stops");
        Thread.currentThread().join();
    }
}
