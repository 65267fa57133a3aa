package dev.herald.endpoint;

import dev.herald.endpoint.settings.EndpointSettings;
import java.time.Instant;

/**
 * One configuration of an endpoint type, owned by one account.
 *
 * @param verifyTls      verify the receiver's TLS certificate (Anchore's {@code verify_tls}, default true)
 * @param timeoutSeconds Herald's {@code timeout_seconds}: connect and response timeout for this
 *                       configuration's receiver, or null for the {@code herald.http.*-timeout} defaults
 * @param settings       the type's own fields
 */
public record EndpointConfiguration(
        String uuid,
        String account,
        EndpointType type,
        String description,
        boolean verifyTls,
        Integer timeoutSeconds,
        EndpointSettings settings,
        ConfigurationStatus status,
        Instant createdAt,
        Instant lastUpdated) {
}
