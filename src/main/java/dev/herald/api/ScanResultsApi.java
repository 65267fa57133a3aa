package dev.herald.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.event.Event;
import dev.herald.scanning.ImageReference;
import dev.herald.scanning.PolicyEvaluation;
import dev.herald.scanning.ScanResults.Ingested;
import dev.herald.scanning.report.ReportFormat;
import dev.herald.validation.InvalidInputException;
import dev.herald.validation.JsonInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * {@code POST /v2/scan-results}: a scan report (normalized, Grype or Trivy JSON) for an image tag,
 * stored with the events it causes. {@code ?format=} names the format, else it is told from the
 * report; {@code ?image=} names the tag (and digest) when the report has none, or another.
 */
final class ScanResultsApi {

    private final ApiServices services;

    ScanResultsApi(ApiServices services) {
        this.services = services;
    }

    /** Answers {image, format, policy, vulnerabilities: n, events: [{type, id}]}. */
    public Map<String, Object> ingest(Exchange exchange) throws JsonProcessingException {
        ApiRequest request = new ApiRequest(exchange, services.json());
        ReportFormat named = request.queryOneOf("format", ReportFormat::parse, "normalized, grype, trivy");
        ImageReference requested = requestedImage(request.query("image"));
        JsonNode body = request.body();
        JsonInput report = JsonInput.ofObject(body, "");
        report.throwIfInvalid();
        ReportFormat format = named != null ? named : ReportFormat.detect(body).orElseThrow(() -> new InvalidInputException(
                "format", "the report is not one Herald reads (normalized: image, vulnerabilities; Grype: matches; "
                        + "Trivy: Results); name its format with ?format=normalized|grype|trivy"));
        Ingested ingested = services.scanResults().ingest(request.account(), format, format.reader().read(report), requested);
        return answer(ingested);
    }

    private static ImageReference requestedImage(String reference) {
        if (reference == null) {
            return null;
        }
        try {
            return ImageReference.parse(reference);
        } catch (ImageReference.InvalidReference e) {
            throw new InvalidInputException("image", e.getMessage());
        }
    }

    private static Map<String, Object> answer(Ingested ingested) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("image", image(ingested.image()));
        answer.put("format", ingested.format().apiName());
        answer.put("policy", policy(ingested.policy()));
        answer.put("vulnerabilities", ingested.vulnerabilities());
        answer.put("events", events(ingested.events()));
        return answer;
    }

    static Map<String, Object> image(ImageReference image) {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("registry", image.registry());
        parts.put("repository", image.repository());
        parts.put("tag", image.tag());
        parts.put("digest", image.digest());
        return parts;
    }

    private static Map<String, Object> policy(PolicyEvaluation policy) {
        if (policy == null) {
            return null;
        }
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("status", policy.status().apiName());
        parts.put("final_action", policy.finalAction().apiName());
        parts.put("policy_id", policy.policyId());
        return parts;
    }

    /** The events a write emitted: {type, id}. */
    static List<Map<String, String>> events(List<Event> events) {
        return events.stream().map(event -> Map.of("type", event.type(), "id", event.eventId())).toList();
    }
}
