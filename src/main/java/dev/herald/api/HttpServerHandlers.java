package dev.herald.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.AuthenticationHandler;
import java.lang.reflect.Field;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.support.service.ServiceSupport;

/**
 * What Herald puts into the HTTP server (platform-http on Vert.x) around Camel's routes: the
 * {@link RequestGate} first, and failure handlers for a client that hangs up ({@link ClientHangUp})
 * and for the server's own 413 ({@link PayloadTooLargeResponder}).
 *
 * <p>They are added to the routers that exist when Camel starts its services: Camel Main's server
 * (or one a host added before Herald) has made its router by then. The server listens before
 * that, though, so standalone Herald puts the gate into Camel Main's server before it starts
 * ({@link #gateFirstIn}). A server that is not Vert.x's is left as it is; Herald's own checks on
 * each route still apply.
 */
public final class HttpServerHandlers extends ServiceSupport implements CamelContextAware {

    private static final List<String> API_PATHS = List.of("/v2/*", "/api/scanning/*");

    private final ObjectMapper json;
    private final long maxBodyBytes;
    private CamelContext context;
    private RequestGate gate;
    private boolean gateInServerAlready;

    HttpServerHandlers(ObjectMapper json, long maxBodyBytes) {
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    public void setCamelContext(CamelContext context) {
        this.context = context;
    }

    /**
     * Makes the gate the first handler of a server that has not started yet. A server's
     * authentication entries are the one list of handlers it adds to its router before it listens;
     * an entry's handler may be any Vert.x handler, and this one authenticates no one (Herald's
     * own authentication runs per route).
     */
    public void gateFirstIn(VertxPlatformHttpServerConfiguration server) throws JsonProcessingException {
        RequestGate first = gate();
        AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
        entry.setPath("/*");
        entry.setAuthenticationProviderFactory(vertx -> null);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T none) {
                return first::handle;
            }
        });
        server.getAuthenticationConfig().getEntries().add(0, entry);
        server.getAuthenticationConfig().setEnabled(true);
        gateInServerAlready = true;
    }

    @Override
    protected void doStart() throws JsonProcessingException, ReflectiveOperationException {
        ClientHangUp hangUp = new ClientHangUp();
        PayloadTooLargeResponder tooLarge = new PayloadTooLargeResponder(json, maxBodyBytes);
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            if (!gateInServerAlready) {
                router.route().order(Integer.MIN_VALUE).handler(gate());
            }
            router.route().order(Integer.MIN_VALUE).failureHandler(hangUp);
            API_PATHS.forEach(paths -> router.route(paths).failureHandler(tooLarge));
        }
        for (VertxPlatformHttpServer server : context.getRegistry().findByType(VertxPlatformHttpServer.class)) {
            outerRouterOf(server).errorHandler(ApiErrorType.BAD_REQUEST.status(), new UndecodablePathResponder(gate()));
        }
        VertxPlatformHttpServer main = context.hasService(VertxPlatformHttpServer.class);
        if (main != null) {
            outerRouterOf(main).errorHandler(ApiErrorType.BAD_REQUEST.status(), new UndecodablePathResponder(gate()));
        }
    }

    /**
     * The router the server hands every request to, which mounts the one Camel's routes are on. A
     * path the server cannot decode fails while this router matches it, so the handler of that 400
     * must be this router's; Camel 4.18 keeps it in a private field with no getter, hence the reflection.
     */
    private static Router outerRouterOf(VertxPlatformHttpServer server) throws ReflectiveOperationException {
        Field router = VertxPlatformHttpServer.class.getDeclaredField("router");
        router.setAccessible(true);
        return (Router) router.get(server);
    }

    private RequestGate gate() throws JsonProcessingException {
        if (gate == null) {
            gate = new RequestGate(context, json);
        }
        return gate;
    }
}
