package dev.herald.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.zaxxer.hikari.HikariDataSource;
import dev.herald.api.HttpServerHandlers;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.service.ServiceSupport;

/**
 * What Herald adds to Camel Main when it runs on its own: a HikariCP pool built from
 * {@code herald.datasource.*}, Herald itself with its REST API, and a body limit and the request gate for the HTTP server.
 */
public final class StandaloneHerald extends MainListenerSupport {

    /** How far the HTTP server's own body limit lies above {@code herald.api.max-body-size}. */
    private static final long BODY_LIMIT_MARGIN = 64 * 1024;

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        HikariDataSource dataSource = DataSourceFactory.create(context.getPropertiesComponent());
        try {
            context.addService(new PoolClosedAfterRoutes(dataSource));
        } catch (Exception e) {
            dataSource.close();
            throw new IllegalStateException(e);
        }
        Herald.addTo(context, dataSource);
        limitRequestBodies(context);
        gateRequestsFromTheStart(context);
    }

    /**
     * The server listens before the routes have started; Herald's request gate (503 until ready,
     * unsafe paths refused) goes into the server before it starts, so no request gets past it.
     */
    private static void gateRequestsFromTheStart(CamelContext context) {
        MainHttpServer server = context.hasService(MainHttpServer.class);
        HttpServerHandlers handlers = context.hasService(HttpServerHandlers.class);
        if (server != null && handlers != null) {
            try {
                handlers.gateFirstIn(server.getConfiguration());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The server buffers a request's body before any route sees it, with no limit unless one is set.
     * Unless {@code camel.server.max-body-size} sets one, it gets a limit a little above Herald's: a
     * larger body is refused while it arrives, and Herald's own check answers the ones in between.
     */
    private static void limitRequestBodies(CamelContext context) {
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server != null && server.getMaxBodySize() == null) {
            long heraldLimit = HeraldSettings.from(context.getPropertiesComponent()).maxBodySize();
            server.setMaxBodySize(heraldLimit + BODY_LIMIT_MARGIN);
        }
    }

    /**
     * Camel stops its services after the routes have shut down, so deliveries in flight can still
     * record their outcome before the pool closes.
     */
    private static final class PoolClosedAfterRoutes extends ServiceSupport {
        private final HikariDataSource dataSource;

        PoolClosedAfterRoutes(HikariDataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        protected void doStop() {
            dataSource.close();
        }
    }
}
