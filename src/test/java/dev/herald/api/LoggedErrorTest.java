package dev.herald.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLIntegrityConstraintViolationException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

class LoggedErrorTest {

    @Test
    void databaseMessagesAreWithheldButTypesStatesAndTracesKept() {
        SQLIntegrityConstraintViolationException driver = new SQLIntegrityConstraintViolationException(
                "Unique index violation: VALUES ('{\"password\":\"s3cr3t-in-a-row\"}')", "23505");
        IllegalStateException error = new IllegalStateException("storing the configuration failed",
                new UnableToExecuteStatementException("statement with :settings = s3cr3t-in-a-row", driver, null));

        String logged = trace(LoggedError.of(error));

        assertThat(logged).doesNotContain("s3cr3t")
                .contains("java.lang.IllegalStateException: storing the configuration failed")
                .contains(UnableToExecuteStatementException.class.getName() + ", message withheld")
                .contains(SQLIntegrityConstraintViolationException.class.getName() + " (SQLState 23505)")
                .contains("LoggedErrorTest.databaseMessagesAreWithheldButTypesStatesAndTracesKept");
    }

    @Test
    void anErrorWithNothingThatQuotesDataIsLoggedAsItIs() {
        NullPointerException error = new NullPointerException("selector was null");

        assertThat(LoggedError.of(error)).isSameAs(error);
    }

    private static String trace(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
