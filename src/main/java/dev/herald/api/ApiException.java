package dev.herald.api;

/** A request the API refuses, answered with the spec's error shape and the type's status. */
public final class ApiException extends RuntimeException {

    private final ApiErrorType type;

    public ApiException(ApiErrorType type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    public ApiErrorType type() {
        return type;
    }

    public static ApiException notFound(String what) {
        return new ApiException(ApiErrorType.RESOURCE_NOT_FOUND, what + " not found");
    }

    public static ApiException forbidden(String message) {
        return new ApiException(ApiErrorType.ACCESS_DENIED, message);
    }
}
