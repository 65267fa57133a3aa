package dev.herald.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.delivery.outcome.DeliveryOutcome;
import dev.herald.delivery.outcome.RouteProperties;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.endpoint.EndpointConfiguration;
import dev.herald.event.Event;
import dev.herald.event.EventLevel;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Sends a test event (Anchore's {@code system.test.random_wisdom}) to a configuration, saved or
 * not, through the same deliver route (formatter and component) as a real delivery, and waits for
 * the outcome. Nothing is stored.
 */
public final class TestNotifications {

    private static final List<String> WISDOM = List.of(
            "A scanner that never finds anything is not scanning.",
            "Patch the base image, and a hundred images heal.",
            "The CVE you did not read about is the one in production.",
            "Pin your digests; tags move.");

    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final Clock clock;

    public TestNotifications(ProducerTemplate producer, ObjectMapper json, Clock clock) {
        this.producer = producer;
        this.json = json;
        this.clock = clock;
    }

    public DeliveryOutcome send(EndpointConfiguration configuration) {
        String wisdom = WISDOM.get(ThreadLocalRandom.current().nextInt(WISDOM.size()));
        Event event = new Event(0, UUID.randomUUID().toString().replace("-", ""), "system.test.random_wisdom",
                EventLevel.INFO, "Unsolicited random wisdom of the moment", json.createObjectNode().put("msg", wisdom),
                clock.instant(), new Event.Resource(configuration.account(), "wisdom", null),
                new Event.Source("herald", null, null, null), clock.instant());
        ClaimedDelivery delivery = new ClaimedDelivery("test-" + UUID.randomUUID(), 1, 0, configuration.type(), true,
                configuration, event, clock.instant(), clock.instant());
        Exchange result = producer.send("direct:deliver-" + configuration.type().apiName(),
                exchange -> exchange.setProperty(RouteProperties.DELIVERY, delivery));
        if (result.getException() != null) {
            return DeliveryOutcome.failed(delivery, result.getException());
        }
        return result.getMessage().getBody(DeliveryOutcome.class);
    }
}
