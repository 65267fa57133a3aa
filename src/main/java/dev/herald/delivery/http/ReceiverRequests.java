package dev.herald.delivery.http;

import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.vertx.http.DefaultVertxHttpBinding;
import org.apache.camel.component.vertx.http.VertxHttpConfiguration;
import org.apache.camel.component.vertx.http.VertxHttpEndpoint;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * Makes each camel-vertx-http request on one of Herald's web clients ({@link HttpConnections}), to the
 * address {@link ReceiverAddresses} judged: the receiver's name is resolved here, private addresses
 * refused unless allowed, and the connection opened to the address resolved, while the Host header,
 * TLS server name and certificate check use the name in the URL. Vert.x never resolves the name
 * again, so a name that points somewhere public when judged and at 127.0.0.1 a moment later (DNS
 * rebinding) cannot slip through.
 *
 * <p>The URL is the exchange's {@code CamelHttpUri} ({@link HttpTarget}); connect timeout and the
 * whole request's deadline are the endpoint's {@code connectTimeout} and {@code timeout}. A failure
 * is told as the exception types the outcome rules know ({@code RetryableFailures}: timeouts and
 * dropped connections are I/O errors), in words that name the receiver's host and port only: Vert.x's
 * own messages name the request's path and query, where webhook tokens live. An answer is read no
 * further than {@link BoundedAnswers} allows.
 */
final class ReceiverRequests extends DefaultVertxHttpBinding {

    /** Answers are read no further than Herald needs: an endless one would fill the heap. */
    private static final BoundedAnswers ANSWERS = new BoundedAnswers();

    private final WebClient client;
    private final ReceiverAddresses addresses;

    ReceiverRequests(WebClient client, ReceiverAddresses addresses) {
        this.client = client;
        this.addresses = addresses;
    }

    @Override
    public HttpRequest<Buffer> prepareHttpRequest(VertxHttpEndpoint endpoint, Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        URI url = URI.create(message.getHeader(Exchange.HTTP_URI, String.class));
        InetAddress address = addresses.resolve(url.getHost())[0];
        SocketAddress server = SocketAddress.inetSocketAddress(new InetSocketAddress(address, port(url)));
        HttpRequest<Buffer> request = client.requestAbs(message.getHeader(Exchange.HTTP_METHOD, HttpMethod.class),
                server, url.toString());
        populateRequestHeaders(endpoint, exchange, request, endpoint.getConfiguration().getHeaderFilterStrategy());
        VertxHttpConfiguration configuration = endpoint.getConfiguration();
        return request.connectTimeout(configuration.getConnectTimeout()).idleTimeout(configuration.getTimeout())
                .as(ANSWERS);
    }

    /** As camel-vertx-http's, but a header set by the route replaces the client's own (User-Agent), never adds to it. */
    @Override
    public void populateRequestHeaders(VertxHttpEndpoint endpoint, Exchange exchange, HttpRequest<Buffer> request,
            HeaderFilterStrategy strategy) {
        MultiMap headers = request.headers();
        for (Map.Entry<String, Object> header : exchange.getMessage().getHeaders().entrySet()) {
            if (!strategy.applyFilterToCamelHeaders(header.getKey(), header.getValue(), exchange)) {
                headers.set(header.getKey(), exchange.getContext().getTypeConverter().convertTo(String.class, header.getValue()));
            }
        }
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType != null) {
            headers.set(Exchange.CONTENT_TYPE, contentType);
        }
    }

    @Override
    public void handleResponse(VertxHttpEndpoint endpoint, Exchange exchange, AsyncResult<HttpResponse<Buffer>> response)
            throws Exception {
        if (response.succeeded()) {
            super.handleResponse(endpoint, exchange, response);
        } else {
            URI url = URI.create(exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class));
            exchange.setException(failure(response.cause(), url.getHost() + ":" + port(url),
                    endpoint.getConfiguration().getTimeout()));
        }
    }

    private static Exception failure(Throwable cause, String receiver, long timeoutMillis) {
        if (cause instanceof SocketTimeoutException deadline) {
            return deadline;
        }
        if (cause instanceof TimeoutException) {
            return RequestDeadline.timedOut(timeoutMillis);
        }
        if (cause instanceof VertxException && cause.getCause() != null) {
            return failure(cause.getCause(), receiver, timeoutMillis);
        }
        if (cause instanceof Exception exception && !(cause instanceof VertxException)) {
            return exception;
        }
        // Vert.x's "Connection was closed" and other closes: the receiver dropped the connection before its answer
        return new SocketException("Connection reset: " + receiver + " closed the connection before its answer");
    }

    private static int port(URI url) {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }
}
