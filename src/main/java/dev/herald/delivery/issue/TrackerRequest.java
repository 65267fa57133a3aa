package dev.herald.delivery.issue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One call to an issue tracker's REST API, as an {@link IssueTracker} builds it.
 *
 * @param headers the tracker's own headers, credentials included
 * @param body    the JSON to send, or null for a GET
 */
public record TrackerRequest(String method, String url, Map<String, String> headers, JsonNode body) {

    public static TrackerRequest get(String url, Map<String, String> headers) {
        return new TrackerRequest("GET", url, headers, null);
    }

    public static TrackerRequest post(String url, Map<String, String> headers, JsonNode body) {
        return new TrackerRequest("POST", url, headers, body);
    }

    /** A value made safe for one segment of a path or one query value: an issue key from a tracker's answer, a label. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Method and URL only: the headers hold credentials. */
    @Override
    public String toString() {
        return method + " " + url;
    }
}
