package dev.herald.scanning;

import dev.herald.event.EventRepository;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Runs a transaction again when it lost a race to insert the same row first (two first results for
 * one tag, two first reports of one cluster): the second run finds the row and locks it like any other.
 */
final class UniqueViolations {

    private UniqueViolations() {
    }

    static <T> T retriedOnce(Supplier<T> transaction) {
        try {
            return transaction.get();
        } catch (UnableToExecuteStatementException e) {
            if (!EventRepository.isUniqueViolation(e)) {
                throw e;
            }
            return transaction.get();
        }
    }
}
