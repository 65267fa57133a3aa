package dev.herald.console;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.ExtendedStartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the web console (static files under {@code console/} on the classpath) on the REST API's
 * own platform-http server: {@code /} and {@code /console} redirect to {@code /console/}. The console
 * is public, like any login page; everything it shows comes from the REST API, which authenticates.
 *
 * <p>Vert.x's StaticHandler does the serving (content types, caching headers, path normalisation);
 * this class only mounts it and adds the security headers: a Content-Security-Policy that allows
 * scripts, styles and requests from Herald alone (no inline script, no CDN), no framing, no sniffing.
 */
public final class ConsoleServer implements ExtendedStartupListener {

    public static final String PATH = "/console/";
    /** Where the files are on the classpath. */
    static final String WEB_ROOT = "console";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the server is not up yet; see below
    }

    /** Mounted once everything has started: the HTTP server binds its router when it starts. */
    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server == null || server.getRouter() == null) {
            // a host context without Camel's HTTP server: the REST API is not served either
            LOG.debug("No platform-http server; the console is not served");
            return;
        }
        Router router = server.getRouter();
        router.get("/").handler(ConsoleServer::redirect);
        // exactly /console: a plain route for it would match /console/ too
        router.getWithRegex("/console").handler(ConsoleServer::redirect);
        router.route(PATH + "*")
                .handler(ConsoleServer::securityHeaders)
                .handler(StaticHandler.create(WEB_ROOT).setIndexPage("index.html").setDefaultContentEncoding("UTF-8"));
        LOG.info("Web console at {}", PATH);
    }

    private static void redirect(RoutingContext request) {
        request.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, PATH).end();
    }

    private static void securityHeaders(RoutingContext request) {
        request.response()
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-cache");
        request.next();
    }
}
