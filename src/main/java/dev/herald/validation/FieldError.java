package dev.herald.validation;

/** One thing wrong with a request: the field (as a JSON path, e.g. {@code event.level}) and the problem. */
public record FieldError(String field, String problem) {

    @Override
    public String toString() {
        return field + ": " + problem;
    }
}
