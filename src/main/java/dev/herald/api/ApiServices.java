package dev.herald.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.account.AccountRepository;
import dev.herald.account.UserRepository;
import dev.herald.delivery.ConfigurationPreviews;
import dev.herald.delivery.DeliveryReplay;
import dev.herald.delivery.TestNotifications;
import dev.herald.delivery.table.DeliveryRepository;
import dev.herald.delivery.webhook.WebhookBodies;
import dev.herald.endpoint.ConfigurationRepository;
import dev.herald.endpoint.EndpointRepository;
import dev.herald.endpoint.SelectorRepository;
import dev.herald.event.EventJson;
import dev.herald.event.EventParser;
import dev.herald.event.EventRepository;
import dev.herald.event.EventTypeCatalogue;
import dev.herald.scanning.RuntimeInventory;
import dev.herald.scanning.ScanResults;
import dev.herald.scanning.alert.AlertRepository;
import java.time.Clock;
import java.util.Optional;

/**
 * What the REST API works with.
 *
 * @param allowPrivateTargets {@code herald.http.allow-private-targets}: false refuses URLs naming a private IP
 * @param maxBodySize         {@code herald.api.max-body-size}: the largest request body, in bytes
 * @param webhookBodies       checks a webhook's body_template when saved
 * @param previews            renders what a configuration would send, for the preview
 */
public record ApiServices(
        EventRepository events,
        EventParser eventParser,
        EventJson eventJson,
        EventTypeCatalogue eventTypes,
        EndpointRepository endpoints,
        ConfigurationRepository configurations,
        SelectorRepository selectors,
        AlertRepository alerts,
        DeliveryRepository deliveries,
        DeliveryReplay replay,
        TestNotifications tests,
        AccountRepository accounts,
        UserRepository users,
        ScanResults scanResults,
        RuntimeInventory runtimeInventory,
        ObjectMapper json,
        Clock clock,
        Optional<String> adminPassword,
        boolean requireAuth,
        boolean allowPrivateTargets,
        long maxBodySize,
        WebhookBodies webhookBodies,
        ConfigurationPreviews previews) {
}
