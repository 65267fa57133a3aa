package dev.herald.endpoint;

import dev.herald.endpoint.quiet.QuietHours;
import dev.herald.endpoint.settings.EndpointSettings;
import java.time.Instant;

/**
 * One configuration of an endpoint type, owned by one account.
 *
 * @param verifyTls      verify the receiver's TLS certificate (Anchore's {@code verify_tls}, default true)
 * @param timeoutSeconds Herald's {@code timeout_seconds}: connect and response timeout for this
 *                       configuration's receiver, or null for the {@code herald.http.*-timeout} defaults
 * @param rateLimitPerSecond Herald's {@code rate_limit_per_second}: the most deliveries per second for this
 *                       configuration's receiver, or null for its type's default
 * @param quietHours     Herald's {@code mute} and {@code mute_except_levels}: when its deliveries wait
 * @param digest         Herald's {@code digest}: its deliveries go out together, one message per window;
 *                       null to send each on its own
 * @param settings       the type's own fields
 * @param enabled        Herald's {@code enabled}: false and the relay makes no deliveries for it (set by a
 *                       user, or by Herald when its receiver keeps failing or answered 410 Gone)
 */
public record EndpointConfiguration(
        String uuid,
        String account,
        EndpointType type,
        String description,
        boolean verifyTls,
        Integer timeoutSeconds,
        Integer rateLimitPerSecond,
        QuietHours quietHours,
        Digest digest,
        EndpointSettings settings,
        ConfigurationStatus status,
        boolean enabled,
        Instant createdAt,
        Instant lastUpdated) {

    /**
     * The digest its deliveries wait for: its own, but none for GitHub and Jira, which keep one issue
     * per finding (a repeat comments on the open issue), so their deliveries go out one by one.
     */
    public Digest digestInForce() {
        return type == EndpointType.GITHUB || type == EndpointType.JIRA ? null : digest;
    }

    /** The rate its deliveries are paced at: its own limit, else its type's default; null for none. */
    public Integer rateLimit() {
        return rateLimitPerSecond != null ? rateLimitPerSecond : type.defaultRateLimitPerSecond();
    }
}
