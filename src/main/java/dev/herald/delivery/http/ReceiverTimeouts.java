package dev.herald.delivery.http;

import dev.herald.endpoint.EndpointConfiguration;
import java.time.Duration;

/**
 * How long Herald waits for a receiver: to connect (TCP and TLS handshake), then for the whole
 * request (for HTTP, to the last byte of the answer: {@link RequestDeadline}).
 * The defaults are {@code herald.http.connect-timeout} and {@code herald.http.response-timeout};
 * a configuration's own {@code timeout_seconds} replaces both.
 */
public record ReceiverTimeouts(Duration connect, Duration response) {

    public ReceiverTimeouts of(EndpointConfiguration configuration) {
        if (configuration.timeoutSeconds() == null) {
            return this;
        }
        Duration own = Duration.ofSeconds(configuration.timeoutSeconds());
        return new ReceiverTimeouts(own, own);
    }

    /** The longest one attempt may take: connecting, then the whole request. */
    public Duration attempt() {
        return connect.plus(response);
    }
}
