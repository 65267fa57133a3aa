package dev.herald.config;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.service.ServiceSupport;

/**
 * What Herald adds to Camel Main when it runs on its own: a HikariCP pool built from
 * {@code herald.datasource.*}, and Herald itself with its REST API.
 */
public final class StandaloneHerald extends MainListenerSupport {

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
