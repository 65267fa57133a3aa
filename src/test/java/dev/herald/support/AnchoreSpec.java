package dev.herald.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Anchore's published notifications API (src/test/resources/specs/anchore-notifications-v2.yaml, see
 * SOURCES.md there) as a validator: each answer Herald gives is checked against the spec's response
 * schema for its operation by Atlassian's swagger-request-validator, and kept under that operation,
 * so a test can tell which of the spec's operations were answered, and how.
 */
public final class AnchoreSpec {

    private static final String FILE = "/specs/anchore-notifications-v2.yaml";
    /** The spec's {@code servers} entry: every path of the spec is under it. */
    private static final String BASE_PATH = "/v2";

    /** One answer, and what the validator found wrong with it (nothing, when it conforms). */
    public record CheckedAnswer(String request, ApiResponse response, List<String> problems) {
    }

    private final OpenApiInteractionValidator validator;
    private final List<String> operations = new ArrayList<>();
    private final Map<String, List<CheckedAnswer>> answers = new LinkedHashMap<>();

    public AnchoreSpec() {
        URL spec = Objects.requireNonNull(AnchoreSpec.class.getResource(FILE), FILE + " on the test classpath");
        this.validator = OpenApiInteractionValidator.createForSpecificationUrl(spec.toString())
                // the validator's own default, stricter than the spec, refuses every property a schema
                // does not list; JSON Schema and the spec allow them (Anchore's free-form event details,
                // Herald's documented timeout_seconds and rate_limit_per_second)
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                        .build())
                .build();
        OpenAPI api = new OpenAPIV3Parser().read(spec.toString());
        api.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> operations.add(method.name() + " " + path)));
    }

    /** Every operation of the spec, as {@code METHOD /path-template}. */
    public List<String> operations() {
        return List.copyOf(operations);
    }

    /**
     * Sends a request for the spec's operation {@code method template} (a path of the spec, without
     * the /v2 base), with the template's {@code {parameters}} filled in and {@code query} appended,
     * checks the answer and keeps it under the operation.
     */
    public ApiResponse call(ApiClient api, String method, String template, Map<String, String> parameters,
            String query, Object body) {
        String operation = method + " " + template;
        if (!operations.contains(operation)) {
            throw new IllegalArgumentException(operation + " is not an operation of the spec");
        }
        String path = template;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            path = path.replace("{" + parameter.getKey() + "}", parameter.getValue());
        }
        String target = BASE_PATH + path + (query == null ? "" : "?" + query);
        ApiResponse response = switch (method) {
            case "GET" -> api.get(target);
            case "DELETE" -> api.delete(target);
            case "POST" -> api.post(target, body);
            case "PUT" -> api.put(target, body);
            default -> throw new IllegalArgumentException(method);
        };
        answers.computeIfAbsent(operation, key -> new ArrayList<>())
                .add(new CheckedAnswer(method + " " + target, response, check(method, BASE_PATH + path, response)));
        return response;
    }

    public ApiResponse call(ApiClient api, String method, String template, Map<String, String> parameters) {
        return call(api, method, template, parameters, null, null);
    }

    /** The answers kept for one operation of the spec. */
    public List<CheckedAnswer> answers(String operation) {
        return answers.getOrDefault(operation, List.of());
    }

    private List<String> check(String method, String path, ApiResponse response) {
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.status());
        if (response.body() != null && !response.body().isEmpty()) {
            answer.withContentType(Objects.requireNonNullElse(response.header("Content-Type"), "application/json"))
                    .withBody(response.body());
        }
        ValidationReport report = validator.validateResponse(path,
                Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), answer.build());
        return report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .flatMap(message -> Stream.concat(Stream.of(message.getKey() + ": " + message.getMessage()),
                        message.getNestedMessages().stream().map(nested -> "  " + nested.getMessage())))
                .toList();
    }
}
