package dev.herald.api;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * Which headers an API answer may carry. platform-http would otherwise send back every header of
 * the request (a Cookie, an API key, x-anchore-account...), so answers carry only the headers the
 * API sets itself. Incoming headers are filtered as Camel always does (no Camel* from clients).
 */
final class ApiResponseHeaders extends HttpHeaderFilterStrategy {

    /** Registry name the REST configuration refers to. */
    static final String NAME = "heraldApiResponseHeaders";
    private static final Set<String> ANSWER_HEADERS = Set.of("content-type", "www-authenticate");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !ANSWER_HEADERS.contains(headerName.toLowerCase(Locale.ROOT))
                || super.applyFilterToCamelHeaders(headerName, headerValue, exchange);
    }
}
