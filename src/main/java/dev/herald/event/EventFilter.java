package dev.herald.event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.Query;

/** An AND of conditions on the events table (alias {@code e}), always scoped to one account. */
final class EventFilter {

    private final StringBuilder sql = new StringBuilder("e.account_name = :account");
    private final Map<String, Object> values = new LinkedHashMap<>();

    static EventFilter of(String account) {
        EventFilter filter = new EventFilter();
        filter.values.put("account", account);
        return filter;
    }

    EventFilter equal(String column, String value) {
        if (value != null) {
            sql.append(" AND e.").append(column).append(" = :").append(column);
            values.put(column, value);
        }
        return this;
    }

    /** Anchore's event_type filter: a prefix, where * stands for any characters. */
    EventFilter typePrefix(String prefix) {
        if (prefix != null) {
            String like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace("*", "%") + "%";
            sql.append(" AND e.event_type LIKE :typePrefix ESCAPE '\\'");
            values.put("typePrefix", like);
        }
        return this;
    }

    EventFilter after(Instant since) {
        if (since != null) {
            sql.append(" AND e.occurred_at > :since");
            values.put("since", since.atOffset(ZoneOffset.UTC));
        }
        return this;
    }

    EventFilter before(Instant before) {
        if (before != null) {
            sql.append(" AND e.occurred_at < :before");
            values.put("before", before.atOffset(ZoneOffset.UTC));
        }
        return this;
    }

    String sql() {
        return sql.toString();
    }

    void bindTo(Query query) {
        values.forEach(query::bind);
    }
}
