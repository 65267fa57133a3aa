package dev.herald.config;

import dev.herald.delivery.DeliveryReplay;
import dev.herald.delivery.dispatch.DeliveryMetrics;
import dev.herald.delivery.dispatch.DispatchPause;
import dev.herald.delivery.table.DeliveryRepository;
import dev.herald.event.EventRepository;
import dev.herald.observe.BacklogGauges;
import dev.herald.observe.DatabaseHealthCheck;
import dev.herald.observe.HeraldOperations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.Registry;

/**
 * Herald's part in Camel's health checks, metrics and JMX: the database check (a bean, which Camel's
 * health-check registry finds), the meters and gauges (in the registry Camel's metrics use), and
 * the JMX operations (a service, which Camel's management registers). What dispatch and relay need
 * of it is returned.
 */
record Observability(DeliveryMetrics metrics, DispatchPause pause) {

    static Observability bindInto(CamelContext context, DataSource dataSource, DeliveryRepository deliveries,
            EventRepository events, DeliveryReplay replay, Clock clock) throws Exception {
        Registry registry = context.getRegistry();
        ExecutorServiceManager executors = context.getExecutorServiceManager();
        registry.bind("heraldDatabaseHealthCheck", new DatabaseHealthCheck(dataSource,
                executors.newSingleThreadExecutor(Observability.class, "herald-database-health")));
        MeterRegistry meters = meterRegistry(registry);
        // a burst waits in the events table while dispatch's slots are taken (EventRelay): part of the backlog too
        new BacklogGauges(now -> deliveries.backlog(now).including(events.unrelayed()), clock,
                executors.newSingleThreadExecutor(Observability.class, "herald-backlog-gauges")).bindTo(meters);
        DispatchPause pause = new DispatchPause();
        context.addService(new HeraldOperations(pause, replay, context.createProducerTemplate()));
        return new Observability(new DeliveryMetrics(meters), pause);
    }

    /**
     * The registry Camel's metrics use (camel-micrometer-prometheus binds one under this name, and a
     * host may bind its own); when there is none yet, a Prometheus one, which Camel's metrics then find.
     */
    private static MeterRegistry meterRegistry(Registry registry) {
        MeterRegistry found = MicrometerUtils.getMeterRegistryFromCamelRegistry(registry,
                MicrometerConstants.METRICS_REGISTRY_NAME);
        if (found != null) {
            return found;
        }
        PrometheusMeterRegistry created = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.bind(MicrometerConstants.METRICS_REGISTRY_NAME, created);
        return created;
    }
}
