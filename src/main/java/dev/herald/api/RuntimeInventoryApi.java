package dev.herald.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.herald.scanning.InventoryReportReader;
import dev.herald.scanning.RuntimeInventory.Reported;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * {@code POST /v2/runtime-inventory}: the containers running now in one or more clusters; replaces
 * the account's inventory of those clusters and emits an event for each running image not scanned.
 */
final class RuntimeInventoryApi {

    private final ApiServices services;
    private final InventoryReportReader reader = new InventoryReportReader();

    RuntimeInventoryApi(ApiServices services) {
        this.services = services;
    }

    /** Answers {clusters, containers: n, unscanned_images: n, events: [{type, id}]}. */
    public Map<String, Object> report(Exchange exchange) throws JsonProcessingException {
        ApiRequest request = new ApiRequest(exchange, services.json());
        Reported reported = services.runtimeInventory().report(request.account(), reader.read(request.body()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("clusters", reported.clusters());
        answer.put("containers", reported.containers());
        answer.put("unscanned_images", reported.unscannedImages());
        answer.put("events", ScanResultsApi.events(reported.events()));
        return answer;
    }
}
