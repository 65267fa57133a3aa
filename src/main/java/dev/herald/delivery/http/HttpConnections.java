package dev.herald.delivery.http;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.impl.WebClientInternal;
import org.apache.camel.component.vertx.http.VertxHttpBinding;
import org.apache.camel.component.vertx.http.VertxHttpComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The HTTP client of every webhook, Teams, GitHub and Jira call: camel-vertx-http on a Vert.x
 * instance of Herald's own, so a request in flight holds no thread (its answer is awaited by
 * Vert.x's event loops; what follows in the route runs on a Vert.x worker). Two web clients, one that
 * verifies certificates and host names against the JVM's trust store, one for the configurations
 * that turned verification off; both keep a receiver's connections alive across configurations,
 * follow no redirect (a redirect would be a request to an address not judged by
 * {@link ReceiverAddresses}), and carry a {@link RequestDeadline}.
 *
 * <p>An endpoint is given its client through camel-vertx-http's {@code vertxHttpBinding} option, by
 * registry reference ({@link #VERIFYING}, {@link #TRUSTING}): the binding ({@link ReceiverRequests})
 * makes each request on Herald's client, so every endpoint shares the two clients' connection pools,
 * and the client that camel-vertx-http builds for each endpoint stays unused and holds no connection.
 */
public final class HttpConnections extends ServiceSupport {

    /** Registry names of the bindings, for the endpoint URIs {@link HttpTarget} builds. */
    public static final String VERIFYING = "heraldVerifyingHttpClient";
    public static final String TRUSTING = "heraldTrustingHttpClient";

    /** Connections to one receiver at most (camel-http's default before, kept). */
    private static final int MAX_CONNECTIONS_PER_RECEIVER = 20;

    private final Vertx vertx = Vertx.vertx(new VertxOptions());
    private final WebClient verifying;
    private final WebClient trusting;
    private final ReceiverAddresses addresses;

    public HttpConnections(ReceiverAddresses addresses) {
        this.addresses = addresses;
        this.verifying = client(options());
        this.trusting = client(options().setTrustAll(true).setVerifyHost(false));
    }

    /** Binds camel-vertx-http on this Vert.x, and the two bindings under {@link #VERIFYING} and {@link #TRUSTING}. */
    public void bindInto(Registry registry) {
        VertxHttpComponent component = new VertxHttpComponent();
        component.setVertx(vertx);
        component.setWebClientOptions(options());
        registry.bind("vertx-http", component);
        registry.bind(VERIFYING, VertxHttpBinding.class, new ReceiverRequests(verifying, addresses));
        registry.bind(TRUSTING, VertxHttpBinding.class, new ReceiverRequests(trusting, addresses));
    }

    private static WebClientOptions options() {
        return new WebClientOptions().setFollowRedirects(false).setMaxPoolSize(MAX_CONNECTIONS_PER_RECEIVER)
                .setUserAgent("Herald");
    }

    private WebClient client(WebClientOptions options) {
        // the interceptor chain is internal to the web client, and the only place a request is seen on its connection
        WebClientInternal client = (WebClientInternal) WebClient.create(vertx, options);
        client.addInterceptor(new RequestDeadline(vertx));
        return client;
    }

    @Override
    protected void doStop() {
        verifying.close();
        trusting.close();
        vertx.close();
    }
}
