package dev.herald.scanning.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.scanning.RuntimeLabels;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the scanning alerts on one relayed event: reads what alerts look at from its stored
 * resource id and details, and asks the matcher which channels fire.
 */
public final class AlertEvaluator {

    private final ObjectMapper json;
    private final RuntimeLabels runtimeLabels;

    /** @param runtimeLabels where images run, for runtime alerts on events that do not say it themselves */
    public AlertEvaluator(ObjectMapper json, RuntimeLabels runtimeLabels) {
        this.json = json;
        this.runtimeLabels = runtimeLabels;
    }

    /**
     * The channels the account's alerts send the event to, each with the alerts that chose it (empty when none fires).
     *
     * @param details the event's details as stored (JSON text; another program may have stored anything)
     */
    public Map<String, List<FiredAlert>> channels(AlertMatcher alerts, String account, String type, String resourceId,
            String details) {
        return ScanningEvent.read(type, resourceId, parse(details))
                .map(event -> alerts.match(account, event, runtimeLabels))
                .orElse(Map.of());
    }

    private JsonNode parse(String details) {
        if (details == null) {
            return null;
        }
        try {
            return json.readTree(details);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
