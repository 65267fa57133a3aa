package dev.herald.scanning.scope;

import java.util.List;
import java.util.Map;

/** One condition of a runtime scope, on one label of the place where an image runs. */
public sealed interface LabelPredicate {

    String label();

    boolean test(Map<String, String> labels);

    /** {@code label = "value"}: the label is present with that value. */
    record Equals(String label, String value) implements LabelPredicate {
        @Override
        public boolean test(Map<String, String> labels) {
            return value.equals(labels.get(label));
        }
    }

    /** {@code label != "value"}: the label has another value, or is absent (a place without it is not that value). */
    record NotEquals(String label, String value) implements LabelPredicate {
        @Override
        public boolean test(Map<String, String> labels) {
            return !value.equals(labels.get(label));
        }
    }

    /** {@code label in ("a", "b")}: the label is present with one of the values. */
    record In(String label, List<String> values) implements LabelPredicate {

        public In {
            values = List.copyOf(values);
        }

        @Override
        public boolean test(Map<String, String> labels) {
            String actual = labels.get(label);
            return actual != null && values.contains(actual);
        }
    }
}
