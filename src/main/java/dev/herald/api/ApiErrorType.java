package dev.herald.api;

/** The {@code error_type} of an error response, with its HTTP status. */
public enum ApiErrorType {
    BAD_REQUEST(400, "BadRequest"),
    UNAUTHORIZED(401, "Unauthorized"),
    ACCESS_DENIED(403, "AccessDenied"),
    RESOURCE_NOT_FOUND(404, "ResourceNotFound"),
    CONFLICT(409, "Conflict"),
    PAYLOAD_TOO_LARGE(413, "PayloadTooLarge"),
    UNSUPPORTED_MEDIA_TYPE(415, "UnsupportedMediaType"),
    INTERNAL_ERROR(500, "InternalError"),
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable");

    private final int status;
    private final String label;

    ApiErrorType(int status, String label) {
        this.status = status;
        this.label = label;
    }

    public int status() {
        return status;
    }

    public String label() {
        return label;
    }
}
