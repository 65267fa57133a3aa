package dev.herald.delivery.outcome;

/** The exchange properties dispatch-deliveries and the deliver-&lt;type&gt; routes share with their beans. */
public final class RouteProperties {

    /** The {@link ClaimedDelivery} being delivered. */
    public static final String DELIVERY = "heraldDelivery";
    /** The URI of the endpoint a deliver route sends to with toD. */
    public static final String ENDPOINT_URI = "heraldEndpointUri";

    private RouteProperties() {
    }
}
