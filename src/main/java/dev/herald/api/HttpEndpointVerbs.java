package dev.herald.api;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.PlatformHttpListener;

/**
 * Gives every path of the start-up's "HTTP endpoints summary" all of its methods ({@code GET,POST}
 * for {@code /v2/events}). Camel 4.18's platform-http keeps one entry per path (entries are equal
 * by path) and drops the methods of the routes after the first; this listener adds each dropped
 * method to the entry kept, which is the one the summary prints.
 */
final class HttpEndpointVerbs implements PlatformHttpListener {

    private final PlatformHttpComponent component;

    private HttpEndpointVerbs(PlatformHttpComponent component) {
        this.component = component;
    }

    /** Must be called before the REST routes start, so it hears of every one of them. */
    static void mergeIn(CamelContext context) {
        PlatformHttpComponent component = context.getComponent("platform-http", PlatformHttpComponent.class);
        component.addPlatformHttpListener(new HttpEndpointVerbs(component));
    }

    @Override
    public void registerHttpEndpoint(HttpEndpointModel registered) {
        for (HttpEndpointModel kept : component.getHttpEndpoints()) {
            if (kept.equals(registered) && kept != registered) {
                kept.addVerb(registered.getVerbs());
            }
        }
    }

    @Override
    public void unregisterHttpEndpoint(HttpEndpointModel unregistered) {
        // the component removes the path's entry whole; nothing is kept here
    }
}
