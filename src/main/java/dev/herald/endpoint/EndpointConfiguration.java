package dev.herald.endpoint;

import dev.herald.endpoint.settings.EndpointSettings;
import java.time.Instant;

/**
 * One configuration of an endpoint type, owned by one account.
 *
 * @param verifyTls verify the receiver's TLS certificate (Anchore's {@code verify_tls}, default true)
 * @param settings  the type's own fields
 */
public record EndpointConfiguration(
        String uuid,
        String account,
        EndpointType type,
        String description,
        boolean verifyTls,
        EndpointSettings settings,
        ConfigurationStatus status,
        Instant createdAt,
        Instant lastUpdated) {
}
