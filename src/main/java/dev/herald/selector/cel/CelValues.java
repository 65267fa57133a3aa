package dev.herald.selector.cel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelVariableResolver;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An event's JSON as the values CEL's Java runtime works on: objects as maps, arrays as lists,
 * whole numbers as {@code long} (CEL's int), other numbers as {@code double}, null as CEL's null.
 * Objects and arrays are read-only views over the JSON, converted as the expression reaches into
 * them: a filter on {@code event.type} does not pay for copying a vulnerability list of thousands.
 */
public final class CelValues {

    private CelValues() {
    }

    /**
     * {@code event}, for {@link CelFilter#test}: built once per event and shared by its filters. A
     * resolver rather than a map, which CEL would copy into an activation at every evaluation.
     */
    public static CelVariableResolver activation(JsonNode event) {
        Optional<Object> value = Optional.of(of(event));
        return name -> CelFilter.EVENT.equals(name) ? value : Optional.empty();
    }

    static Object of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NullValue.NULL_VALUE;
        }
        if (node.isObject()) {
            return new ObjectView(node);
        }
        if (node.isArray()) {
            return new ArrayView(node);
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }

    /** A JSON object as a map; {@code has(event.details.x)} asks {@link #containsKey}. */
    private static final class ObjectView extends AbstractMap<String, Object> {
        private final JsonNode node;

        ObjectView(JsonNode node) {
            this.node = node;
        }

        @Override
        public Object get(Object key) {
            // one lookup, not has() then get(): CEL's field select has asked containsKey already
            JsonNode field = key instanceof String name ? node.get(name) : null;
            return field == null ? null : of(field);
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && node.has(name);
        }

        @Override
        public int size() {
            return node.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<Entry<String, JsonNode>> fields = node.properties().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return fields.hasNext();
                        }

                        @Override
                        public Entry<String, Object> next() {
                            Entry<String, JsonNode> field = fields.next();
                            return new SimpleImmutableEntry<>(field.getKey(), of(field.getValue()));
                        }
                    };
                }

                @Override
                public int size() {
                    return node.size();
                }
            };
        }
    }

    /** A JSON array as a list. */
    private static final class ArrayView extends AbstractList<Object> {
        private final JsonNode node;

        ArrayView(JsonNode node) {
            this.node = node;
        }

        @Override
        public Object get(int index) {
            return of(node.get(index));
        }

        @Override
        public int size() {
            return node.size();
        }
    }
}
