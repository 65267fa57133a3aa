package dev.herald.scanning.scope;

import java.util.List;
import java.util.Map;

/**
 * A runtime alert's scope, compiled: an AND of label predicates such as
 * {@code kubernetes.namespace.name = "prod" and container.image != "alpine:latest"}. No predicate
 * (an empty or absent scope) means everywhere.
 */
public record RuntimeScope(List<LabelPredicate> predicates) {

    public static final RuntimeScope EVERYWHERE = new RuntimeScope(List.of());

    public RuntimeScope {
        predicates = List.copyOf(predicates);
    }

    /**
     * Compiles a scope's text.
     *
     * @throws ScopeSyntaxException naming the position of the first token it cannot take
     */
    public static RuntimeScope parse(String text) {
        return new ScopeParser(ScopeTokenizer.tokenize(text == null ? "" : text)).parse();
    }

    /** Whether a place with these labels is in the scope. */
    public boolean matches(Map<String, String> labels) {
        for (LabelPredicate predicate : predicates) {
            if (!predicate.test(labels)) {
                return false;
            }
        }
        return true;
    }

    public boolean isEverywhere() {
        return predicates.isEmpty();
    }
}
