package dev.herald.scanning.scope;

import dev.herald.scanning.scope.ScopeToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A recursive-descent parser of the scope grammar:
 * <pre>
 * scope     := (empty) | predicate ("and" predicate)*
 * predicate := label "=" value | label "!=" value | label "in" "(" value ("," value)* ")"
 * label     := dotted name, e.g. kubernetes.namespace.name
 * value     := "quoted" | 'quoted'
 * </pre>
 * Keywords are case-insensitive. The first token that does not fit is reported with its position.
 */
final class ScopeParser {

    /** Dot-separated parts, each starting with a letter, digit or underscore: no empty part. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_/-]*(?:\\.[A-Za-z0-9_][A-Za-z0-9_/-]*)*");

    private final List<ScopeToken> tokens;
    private int next;

    ScopeParser(List<ScopeToken> tokens) {
        this.tokens = tokens;
    }

    RuntimeScope parse() {
        if (peek().kind() == Kind.END) {
            return RuntimeScope.EVERYWHERE;
        }
        List<LabelPredicate> predicates = new ArrayList<>();
        predicates.add(predicate());
        while (peek().isKeyword("and")) {
            take();
            predicates.add(predicate());
        }
        if (peek().kind() != Kind.END) {
            throw new ScopeSyntaxException("expected 'and' or the end of the scope", peek());
        }
        return new RuntimeScope(predicates);
    }

    private LabelPredicate predicate() {
        ScopeToken label = take();
        if (label.kind() != Kind.WORD || !LABEL.matcher(label.text()).matches()) {
            throw new ScopeSyntaxException("expected a label such as kubernetes.namespace.name", label);
        }
        ScopeToken operator = take();
        if (operator.kind() == Kind.EQUALS) {
            return new LabelPredicate.Equals(label.text(), value());
        }
        if (operator.kind() == Kind.NOT_EQUALS) {
            return new LabelPredicate.NotEquals(label.text(), value());
        }
        if (operator.isKeyword("in")) {
            return new LabelPredicate.In(label.text(), values());
        }
        throw new ScopeSyntaxException("expected '=', '!=' or 'in'", operator);
    }

    /** {@code ("a", "b", …)}: at least one value. */
    private List<String> values() {
        ScopeToken open = take();
        if (open.kind() != Kind.OPEN) {
            throw new ScopeSyntaxException("expected '(' after 'in'", open);
        }
        List<String> values = new ArrayList<>();
        values.add(value());
        ScopeToken separator = take();
        while (separator.kind() == Kind.COMMA) {
            values.add(value());
            separator = take();
        }
        if (separator.kind() != Kind.CLOSE) {
            throw new ScopeSyntaxException("expected ',' or ')'", separator);
        }
        return values;
    }

    private String value() {
        ScopeToken value = take();
        if (value.kind() != Kind.QUOTED) {
            throw new ScopeSyntaxException("expected a quoted value such as \"prod\"", value);
        }
        return value.value();
    }

    private ScopeToken peek() {
        return tokens.get(next);
    }

    /** The next token; the END token stays last however often it is taken. */
    private ScopeToken take() {
        ScopeToken token = tokens.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }
}
