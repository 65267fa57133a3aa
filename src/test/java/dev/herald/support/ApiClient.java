package dev.herald.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small HTTP client for Herald's API: JSON in, status and JSON out. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final String username;

    ApiClient(String baseUrl, String username, String password) {
        this.baseUrl = baseUrl;
        this.username = username;
        if (username != null) {
            headers.put("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private ApiClient(String baseUrl, String username, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.username = username;
        this.headers.putAll(headers);
    }

    public static ApiClient anonymous(String baseUrl) {
        return new ApiClient(baseUrl, null, (String) null);
    }

    /** The same client acting for another account (admin only), with Anchore's x-anchore-account header. */
    public ApiClient actingAs(String account) {
        return withHeaders(Map.of("x-anchore-account", account));
    }

    /**
     * The same client sending these headers too (replacing any of the same name), for credentials
     * and headers the other methods do not make; on an anonymous client, exactly these headers.
     */
    public ApiClient withHeaders(Map<String, String> extra) {
        ApiClient client = new ApiClient(baseUrl, username, headers);
        client.headers.putAll(extra);
        return client;
    }

    /** The user this client signs in as, or null. */
    public String username() {
        return username;
    }

    /** The account this client acts for. */
    public String account() {
        return headers.getOrDefault("x-anchore-account", "admin");
    }

    public ApiClient withCredentials(String username, String password) {
        return new ApiClient(baseUrl, username, password);
    }

    public ApiResponse get(String path) {
        return send("GET", path, null, null);
    }

    public ApiResponse delete(String path) {
        return send("DELETE", path, null, null);
    }

    public ApiResponse post(String path, Object body) {
        return send("POST", path, json(body), "application/json");
    }

    public ApiResponse put(String path, Object body) {
        return send("PUT", path, json(body), "application/json");
    }

    /** Sends a raw body with the given content type, for malformed and hostile input. */
    public ApiResponse send(String method, String path, String body, String contentType) {
        return exchange(method, path, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8), contentType);
    }

    /** Sends a body without declaring its length, so it travels in chunks (Transfer-Encoding: chunked). */
    public ApiResponse sendChunked(String method, String path, byte[] body, String contentType) {
        return exchange(method, path, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
                contentType);
    }

    private ApiResponse exchange(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body);
        headers.forEach(request::header);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object body) {
        return body instanceof String text ? text : Json.write(body);
    }

    static JsonNode parse(String text) {
        try {
            return text == null || text.isEmpty() ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
