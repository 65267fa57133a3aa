package dev.herald.api;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Runs before every API route, ahead of authentication: refuses a request body larger than
 * {@code herald.api.max-body-size} with a 413 in the API's error shape. This is Herald's rule
 * whatever HTTP server carries the API; the server's own limit, which standalone Herald sets a
 * little higher, is only the backstop that stops a huge body from being buffered at all
 * ({@link PayloadTooLargeResponder} answers its refusal).
 */
final class RequestBodyLimit implements Processor {

    private final long maxBytes;

    RequestBodyLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void process(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body != null && body.length > maxBytes) {
            throw new ApiException(ApiErrorType.PAYLOAD_TOO_LARGE, message(maxBytes));
        }
    }

    /** What a 413 says, whether this limit or the server's refused the body. */
    static String message(long maxBytes) {
        return "the request body must be at most " + maxBytes + " bytes (herald.api.max-body-size)";
    }
}
