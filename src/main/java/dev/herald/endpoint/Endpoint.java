package dev.herald.endpoint;

import java.time.Instant;

/** An endpoint type's system-wide switch. */
public record Endpoint(EndpointType type, boolean enabled, Instant lastUpdated) {
}
