package dev.herald.delivery.http;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.ssl.SSLContexts;

/**
 * The connection pools of every camel-http call (webhook, Teams, GitHub, Jira): one that verifies
 * certificates and host names, and one for the configurations that turned verification off. Both
 * resolve names through {@link ReceiverAddresses}, and both are shared by all endpoints, so a
 * receiver's connections are kept alive across configurations and timeouts. (The TLS handshake
 * counts as connecting: HttpClient gives it the call's connect timeout.)
 *
 * <p>An endpoint is given its pool by camel-http's {@code httpClientConfigurer} option, by registry
 * reference ({@link #VERIFYING}, {@link #TRUSTING}), rather than by its {@code clientConnectionManager}
 * option: camel-http treats an endpoint's connection manager as the endpoint's own and closes it
 * when the endpoint stops (and when its client closes), which would shut the shared pool for every
 * other endpoint. A configurer runs last when the endpoint builds its client, so it can hand over
 * the pool marked as shared; the pools are closed here, once, when Camel stops its services after
 * the routes. The endpoint still builds a pool of its own, which stays unused and empty.
 *
 * <p>Every client also gets a {@link RequestDeadline}: the response timeout bounds the whole request.
 */
public final class HttpConnections extends ServiceSupport {

    /** Registry names of the configurers, for the endpoint URIs {@link HttpTarget} builds. */
    public static final String VERIFYING = "heraldVerifyingHttpClient";
    public static final String TRUSTING = "heraldTrustingHttpClient";

    /** camel-http's own defaults for one endpoint's pool. */
    private static final int MAX_CONNECTIONS = 200;
    private static final int MAX_CONNECTIONS_PER_RECEIVER = 20;

    private final PoolingHttpClientConnectionManager verifying;
    private final PoolingHttpClientConnectionManager trusting;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "herald-http-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param trustAll the SSL context of configurations that turned verification off
     */
    public HttpConnections(DnsResolver resolver, SSLContext trustAll) {
        this.verifying = pool(resolver, new DefaultClientTlsStrategy(SSLContexts.createDefault()));
        this.trusting = pool(resolver, new DefaultClientTlsStrategy(trustAll, HostnameVerificationPolicy.CLIENT,
                NoopHostnameVerifier.INSTANCE));
    }

    /** Binds the two configurers under {@link #VERIFYING} and {@link #TRUSTING}. */
    public void bindInto(Registry registry) {
        RequestDeadline deadline = new RequestDeadline(deadlines);
        registry.bind(VERIFYING, HttpClientConfigurer.class, configurer(verifying, deadline));
        registry.bind(TRUSTING, HttpClientConfigurer.class, configurer(trusting, deadline));
    }

    /**
     * Also turns HttpClient's own retries off: it would resend a request answered 429 or 503 (POSTs
     * too) behind Herald's back, unrecorded and outside its retry policy, which is the one place
     * that decides on another attempt.
     */
    private static HttpClientConfigurer configurer(PoolingHttpClientConnectionManager pool, RequestDeadline deadline) {
        return builder -> builder.setConnectionManager(pool).setConnectionManagerShared(true).disableAutomaticRetries()
                .addExecInterceptorFirst("herald-request-deadline", deadline);
    }

    private static PoolingHttpClientConnectionManager pool(DnsResolver resolver, TlsSocketStrategy tls) {
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                .setTlsSocketStrategy(tls)
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS_PER_RECEIVER)
                .build();
    }

    @Override
    protected void doStop() {
        verifying.close(CloseMode.GRACEFUL);
        trusting.close(CloseMode.GRACEFUL);
        deadlines.shutdownNow();
    }
}
