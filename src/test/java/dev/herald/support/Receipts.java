package dev.herald.support;

import dev.herald.support.LoopbackReceiver.Request;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a loopback receiver got, told apart by delivery: every request carries its delivery id
 * ({@code webhook-id}) and event id ({@code X-Herald-Event-Id}); the path says which configuration
 * sent it. Compared with the deliveries a test expects, it gives the figures of a delivery test.
 */
public final class Receipts {

    /** One (event, configuration) pair, the configuration known by the receiver path it posts to. */
    public record Expected(String eventId, String path) {
    }

    private final List<Request> requests;
    private final Map<String, Integer> timesByDelivery = new HashMap<>();
    private final Map<Expected, Set<String>> deliveryIdsByPair = new HashMap<>();

    private Receipts(List<Request> requests) {
        this.requests = requests;
        for (Request request : requests) {
            String deliveryId = request.header("webhook-id");
            timesByDelivery.merge(deliveryId, 1, Integer::sum);
            deliveryIdsByPair.computeIfAbsent(new Expected(request.header("X-Herald-Event-Id"), request.path()),
                    pair -> new HashSet<>()).add(deliveryId);
        }
    }

    public static Receipts of(List<Request> requests) {
        return new Receipts(requests);
    }

    public int received() {
        return requests.size();
    }

    /** Delivery ids received more than once. */
    public Set<String> duplicated() {
        return timesByDelivery.entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** The delivery ids each (event, configuration) pair arrived with: one each, or the pair was relayed twice. */
    public Map<Expected, Set<String>> deliveryIdsByPair() {
        return deliveryIdsByPair;
    }

    public Figures against(Set<Expected> expected) {
        Set<Expected> lost = new HashSet<>(expected);
        lost.removeAll(deliveryIdsByPair.keySet());
        Set<Expected> unexpected = new HashSet<>(deliveryIdsByPair.keySet());
        unexpected.removeAll(expected);
        return new Figures(expected.size(), received(), timesByDelivery.size(), duplicated().size(), lost.size(),
                unexpected.size());
    }

    /**
     * The figures of a delivery test.
     *
     * @param expected   deliveries expected: (event, matching configuration) pairs
     * @param received   requests the receiver got
     * @param distinct   distinct delivery ids among them
     * @param duplicated delivery ids received more than once
     * @param lost       expected deliveries never received
     * @param unexpected pairs received that were not expected
     */
    public record Figures(int expected, int received, int distinct, int duplicated, int lost, int unexpected) {

        @Override
        public String toString() {
            return "expected " + expected + ", received " + received + ", distinct " + distinct + ", duplicated "
                    + duplicated + ", lost " + lost + ", unexpected " + unexpected;
        }
    }
}
