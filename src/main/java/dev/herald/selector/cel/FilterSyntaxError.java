package dev.herald.selector.cel;

import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import java.util.List;

/**
 * A filter that does not compile: where (line and column, both from 1) and what the first problem
 * is, as CEL words it; how many more there are.
 */
public final class FilterSyntaxError extends RuntimeException {

    private final int line;
    private final int column;
    private final String problem;

    FilterSyntaxError(int line, int column, String problem) {
        super("line " + line + ", column " + column + ": " + problem);
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    static FilterSyntaxError of(CelValidationException exception) {
        List<CelIssue> issues = exception.getErrors();
        if (issues.isEmpty()) {
            return new FilterSyntaxError(1, 1, exception.getMessage());
        }
        CelIssue first = issues.get(0);
        // CEL counts columns from 0 in its issues (its display text adds 1): people count from 1
        int line = Math.max(1, first.getSourceLocation().getLine());
        int column = Math.max(0, first.getSourceLocation().getColumn()) + 1;
        String more = issues.size() > 1 ? " (and " + (issues.size() - 1) + " more)" : "";
        return new FilterSyntaxError(line, column, first.getMessage() + more);
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String problem() {
        return problem;
    }
}
