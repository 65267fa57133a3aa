package dev.herald.delivery.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.herald.delivery.message.Notification.AlertReference;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.endpoint.EndpointType;
import dev.herald.event.Event;
import dev.herald.event.EventLevel;
import dev.herald.scanning.alert.FiredAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The links of a message from {@code herald.ui-url}, and the alerts it names. */
class NotificationFactoryTest {

    private static final FiredAlert ALERT = new FiredAlert("a-1", "Prod CVEs");

    private final List<String> lookedUp = new ArrayList<>();

    private NotificationFactory factory(String uiUrl) {
        return new NotificationFactory(uiUrl, delivery -> {
            lookedUp.add(delivery);
            return List.of(ALERT);
        });
    }

    private static ClaimedDelivery delivery(String type) {
        Event event = new Event(1, "e-1", type, EventLevel.INFO, "m", JsonNodeFactory.instance.objectNode(), Instant.EPOCH,
                new Event.Resource("acme", "image_tag", "docker.io/acme/api:1.4"), new Event.Source("s", "h", null, null),
                Instant.EPOCH);
        return new ClaimedDelivery("d-1", 1, 0, EndpointType.WEBHOOK, true, null, event, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void theConsolesAddressLinksTheEventsScreenAndTheAlert() {
        Notification notification = factory("https://herald.example.com/").of(delivery("user.checks.tag.vulnerabilities.update"));

        assertThat(notification.link()).isEqualTo("https://herald.example.com/console/#/events/"
                + "event_type=user.checks.tag.vulnerabilities.update&resource_id=docker.io%2Facme%2Fapi%3A1.4");
        assertThat(notification.alerts()).containsExactly(
                new AlertReference("a-1", "Prod CVEs", "https://herald.example.com/console/#/alerts/edit/a-1"));
    }

    @Test
    void aPatternIsTheEventsLinkAndAlertsAreNamedWithoutOne() {
        Notification notification = factory("https://anchore.example/#/events/{event_id}?account={account}")
                .of(delivery("user.checks.tag.vulnerabilities.update"));

        assertThat(notification.link()).isEqualTo("https://anchore.example/#/events/e-1?account=acme");
        assertThat(notification.alerts()).containsExactly(new AlertReference("a-1", "Prod CVEs", null));
    }

    @Test
    void withoutAnAddressThereAreNoLinks() {
        Notification notification = factory(null).of(delivery("user.image.analysis.completed"));

        assertThat(notification.link()).isNull();
        assertThat(notification.alerts()).containsExactly(new AlertReference("a-1", "Prod CVEs", null));
    }

    @Test
    void onlyEventsOfAnAlertTriggersTypeLookTheAlertsUp() {
        assertThat(factory(null).of(delivery("system.feeds.sync.failed")).alerts()).isEmpty();
        assertThat(lookedUp).isEmpty();
    }
}
