package dev.herald.api;

import java.sql.SQLException;
import java.util.List;

/**
 * An unexpected error of a request as the log may show it. Database and JSON exceptions quote what
 * they worked on (a driver names the values of a violated key or of a too-long column, Jackson the
 * text it could not parse), which may be a request body or a stored setting; their messages are
 * withheld, keeping the type, the SQLState and every stack trace, which say where to look. Other
 * exceptions are logged as they are.
 */
final class LoggedError extends RuntimeException {

    private static final List<String> QUOTING_PACKAGES = List.of(
            "java.sql.", "org.jdbi.", "org.h2.", "org.postgresql.", "com.zaxxer.hikari.", "org.flywaydb.",
            "com.fasterxml.jackson.");
    /** Deeper chains are cut: a chain with a loop would never end. */
    private static final int MAX_CHAIN = 16;

    private LoggedError(String description, Throwable cause, StackTraceElement[] trace) {
        super(description, cause, false, true);
        setStackTrace(trace);
    }

    static Throwable of(Throwable error) {
        Throwable link = error;
        for (int depth = 0; link != null && depth < MAX_CHAIN; depth++, link = link.getCause()) {
            if (quotes(link)) {
                return copy(error, 0);
            }
        }
        return error;
    }

    private static Throwable copy(Throwable error, int depth) {
        if (error == null || depth == MAX_CHAIN) {
            return null;
        }
        Throwable cause = copy(error.getCause(), depth + 1);
        return new LoggedError(describe(error), cause, error.getStackTrace());
    }

    private static String describe(Throwable error) {
        String type = error.getClass().getName();
        if (!quotes(error)) {
            return error.getMessage() == null ? type : type + ": " + error.getMessage();
        }
        String state = error instanceof SQLException sql && sql.getSQLState() != null ? " (SQLState " + sql.getSQLState() + ")" : "";
        return type + state + ", message withheld: it may quote a request or stored data";
    }

    private static boolean quotes(Throwable error) {
        String type = error.getClass().getName();
        return QUOTING_PACKAGES.stream().anyMatch(type::startsWith);
    }
}
