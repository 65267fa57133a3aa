package dev.herald.endpoint;

import dev.herald.store.Columns;
import dev.herald.store.ConfigurationVersion;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The endpoints table: one switch per endpoint type. */
public final class EndpointRepository {

    private final Jdbi jdbi;

    public EndpointRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<Endpoint> list() {
        return jdbi.withHandle(this::all);
    }

    List<Endpoint> all(Handle handle) {
        return handle.createQuery("SELECT name, enabled, last_updated FROM endpoints")
                .map((rs, ctx) -> new Endpoint(EndpointType.parse(rs.getString("name")).orElseThrow(),
                        rs.getBoolean("enabled"), Columns.instant(rs, "last_updated")))
                .list()
                .stream()
                .sorted((a, b) -> a.type().compareTo(b.type()))
                .toList();
    }

    public Endpoint setEnabled(EndpointType type, boolean enabled, Instant at) {
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("UPDATE endpoints SET enabled = :enabled, last_updated = :at WHERE name = :name")
                    .bind("enabled", enabled)
                    .bind("at", at.atOffset(ZoneOffset.UTC))
                    .bind("name", type.apiName())
                    .execute();
            ConfigurationVersion.bump(handle);
            return new Endpoint(type, enabled, at);
        });
    }
}
