package dev.herald.delivery.outcome;

import dev.herald.delivery.table.ClaimedDelivery;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Turns what happened to one delivery into its {@link DeliveryOutcome}, for the dispatch and
 * deliver routes. The claimed delivery travels in the exchange property {@link RouteProperties#DELIVERY}.
 */
public final class DeliveryOutcomes {

    /** The header a receiver names the earliest time of the next attempt in (RFC 9110 §10.2.3). */
    public static final String RETRY_AFTER = "Retry-After";
    private static final int MAX_BODY_IN_ERROR = 500;

    /** The admin disabled the delivery's endpoint type: recorded, not sent. */
    public DeliveryOutcome suppressed(ClaimedDelivery delivery) {
        return DeliveryOutcome.suppressed(delivery, "the " + delivery.endpointType() + " endpoint is disabled");
    }

    /**
     * After an HTTP call made with throwExceptionOnFailure=false: any 2xx is delivered; a failure
     * carries the receiver's {@code Retry-After}, which camel-vertx-http put among the message's headers.
     */
    public DeliveryOutcome fromResponse(Exchange exchange) {
        ClaimedDelivery delivery = exchange.getProperty(RouteProperties.DELIVERY, ClaimedDelivery.class);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status != null && status >= 200 && status < 300) {
            return DeliveryOutcome.delivered(delivery, status);
        }
        String retryAfter = exchange.getMessage().getHeader(RETRY_AFTER, String.class);
        return DeliveryOutcome.failed(delivery, status, "HTTP " + status + responseExcerpt(exchange),
                status != null && RetryableFailures.httpStatus(status, retryAfter != null), retryAfter);
    }

    /** The call threw: the receiver could not be reached, timed out, or refused the request. */
    public DeliveryOutcome fromException(Exchange exchange) {
        ClaimedDelivery delivery = exchange.getProperty(RouteProperties.DELIVERY, ClaimedDelivery.class);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (error instanceof HttpOperationFailedException failed) {
            String retryAfter = failed.getResponseHeaders() == null ? null : failed.getResponseHeaders().entrySet().stream()
                    .filter(header -> header.getKey().equalsIgnoreCase(RETRY_AFTER))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            return DeliveryOutcome.failed(delivery, failed.getStatusCode(), "HTTP " + failed.getStatusCode(),
                    RetryableFailures.httpStatus(failed.getStatusCode(), retryAfter != null), retryAfter);
        }
        return DeliveryOutcome.failed(delivery, error);
    }

    /**
     * The exception's type and message; the message of a connection error names only host and
     * port, never the path or query of the target (where webhook tokens live).
     */
    public static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String responseExcerpt(Exchange exchange) {
        try {
            Object body = exchange.getMessage().getBody();
            String text = body instanceof InputStream in
                    ? new String(in.readNBytes(MAX_BODY_IN_ERROR), StandardCharsets.UTF_8)
                    : exchange.getMessage().getBody(String.class);
            if (text == null || text.isBlank()) {
                return "";
            }
            text = text.strip();
            return ": " + (text.length() > MAX_BODY_IN_ERROR ? text.substring(0, MAX_BODY_IN_ERROR) + "…" : text);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
