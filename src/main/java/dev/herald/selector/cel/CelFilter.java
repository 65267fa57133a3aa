package dev.herald.selector.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;

/**
 * A selector's {@code filter}: a CEL expression (Google's Common Expression Language) over one
 * variable, {@code event}, the event as Herald's webhooks send it ({@link CelValues}), that must
 * be true for the selector to match. Compiled once, when the selector is saved (to refuse a bad
 * one) and when selectors are loaded; type-checked to give a boolean, so {@code event.type} alone
 * is refused at save rather than failing on every event.
 */
public final class CelFilter {

    /** The variable an expression names the event by. */
    public static final String EVENT = "event";

    /** Immutable and thread-safe: one environment serves every filter. */
    private static final Cel ENVIRONMENT = CelFactory.standardCelBuilder()
            .addVar(EVENT, MapType.create(SimpleType.STRING, SimpleType.DYN))
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .setResultType(SimpleType.BOOL)
            .build();

    private final String source;
    private final CelRuntime.Program program;

    private CelFilter(String source, CelRuntime.Program program) {
        this.source = source;
        this.program = program;
    }

    /** @throws FilterSyntaxError naming the line and column of the first problem */
    public static CelFilter compile(String source) {
        CelAbstractSyntaxTree ast;
        try {
            ast = ENVIRONMENT.compile(source).getAst();
        } catch (CelValidationException e) {
            throw FilterSyntaxError.of(e);
        }
        try {
            return new CelFilter(source, ENVIRONMENT.createProgram(ast));
        } catch (CelEvaluationException e) {
            // a checked expression that cannot be planned: as much the user's to fix as a syntax error
            throw new FilterSyntaxError(1, 1, e.getMessage());
        }
    }

    /**
     * Evaluates the filter on an event.
     *
     * @param activation {@code event}, as {@link CelValues#activation} gives it
     * @throws CelEvaluationException when the expression fails on this event (a missing key, a
     *                                type it cannot compare): the caller decides what that means
     * @throws NotABoolean            when an expression over JSON values (CEL's {@code dyn}, which the
     *                                check at save lets through) gives something else on this event
     */
    public boolean test(CelVariableResolver activation) throws CelEvaluationException {
        Object result = program.eval(activation);
        if (result instanceof Boolean answer) {
            return answer;
        }
        throw new NotABoolean(result);
    }

    /** A filter gave a value that is not true or false; names its type only, never the value. */
    public static final class NotABoolean extends RuntimeException {

        NotABoolean(Object result) {
            super("the filter gave a " + (result == null ? "null" : result.getClass().getSimpleName())
                    + ", not a boolean");
        }
    }

    public String source() {
        return source;
    }
}
