package dev.herald.validation;

import java.util.List;
import java.util.stream.Collectors;

/** Input that cannot be accepted, with every problem found; the API answers it with a 400. */
public final class InvalidInputException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, String problem) {
        this(List.of(new FieldError(field, problem)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
