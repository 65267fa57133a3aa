package dev.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.config.JsonMapper;
import dev.herald.delivery.table.DeliveryRepository;
import dev.herald.event.EventRows;
import dev.herald.support.DatabaseApiTestBase;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing a full digest early passes over the deliveries that the digests already due will gather,
 * whatever order the relay and dispatch run in: with 250 deliveries waiting and digests of 100, one
 * close makes the oldest due, a second (a relay pass that sees that first unclaimed) the 101st, and a
 * third nothing, since only 50 are left beyond the two. Deliveries due tomorrow, so the running
 * Herald leaves them to the test, which closes as of tomorrow.
 */
class DigestCloseOnH2Test extends DatabaseApiTestBase {

    private static final int MAX_EVENTS = 100;

    @TempDir
    static Path folder;

    @BeforeAll
    static void start() {
        startOn(TestDatabase.h2(folder));
    }

    @Test
    void eachCloseMakesDueTheOldestDeliveryNoDueDigestWillGather() {
        String configuration;
        try (LoopbackReceiver receiver = new LoopbackReceiver()) {
            configuration = scenario.webhook(herald.api(), receiver.url("/digest-close"), List.of());
        }
        Jdbi sql = scenario.sql();
        Instant tomorrow = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(1, ChronoUnit.DAYS);
        List<String> oldestFirst = IntStream.range(0, 250)
                .mapToObj(i -> waiting(sql, configuration, tomorrow.minusSeconds(1000 - i))).toList();
        DeliveryRepository deliveries = new DeliveryRepository(sql, new EventRows(JsonMapper.create()));

        close(sql, deliveries, configuration, tomorrow);
        assertThat(due(sql, configuration, tomorrow)).containsExactly(oldestFirst.get(0));
        close(sql, deliveries, configuration, tomorrow);
        assertThat(due(sql, configuration, tomorrow)).as("past the 99 the first digest gathers")
                .containsExactly(oldestFirst.get(0), oldestFirst.get(MAX_EVENTS));
        close(sql, deliveries, configuration, tomorrow);
        assertThat(due(sql, configuration, tomorrow)).as("50 left beyond two digests: not full")
                .containsExactly(oldestFirst.get(0), oldestFirst.get(MAX_EVENTS));
    }

    private static void close(Jdbi sql, DeliveryRepository deliveries, String configuration, Instant now) {
        sql.useTransaction(handle -> deliveries.closeFullDigest(handle, configuration, MAX_EVENTS, now));
    }

    /** The configuration's deliveries due at {@code now}, oldest first. */
    private static List<String> due(Jdbi sql, String configuration, Instant now) {
        return sql.withHandle(handle -> handle.createQuery("SELECT uuid FROM deliveries WHERE configuration_uuid = "
                        + ":configuration AND next_attempt_at <= :now ORDER BY created_at")
                .bind("configuration", configuration)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .mapTo(String.class)
                .list());
    }

    /** A relayed event and its delivery, created at {@code createdAt}, waiting an hour past tomorrow for its digest. */
    private static String waiting(Jdbi sql, String configuration, Instant createdAt) {
        String eventId = "digest-close-" + UUID.randomUUID();
        String uuid = UUID.randomUUID().toString();
        OffsetDateTime created = createdAt.atOffset(ZoneOffset.UTC);
        sql.useTransaction(handle -> {
            handle.createUpdate("INSERT INTO events (event_id, account_name, event_type, event_level, resource_type, "
                            + "relayed_at) VALUES (:eventId, 'admin', 'user.image.analysis.completed', 'info', 'image_digest', :at)")
                    .bind("eventId", eventId)
                    .bind("at", created)
                    .execute();
            handle.createUpdate("INSERT INTO deliveries (uuid, event_id, configuration_uuid, endpoint_type, account_name, "
                            + "state, attempts, next_attempt_at, created_at, updated_at, event_level) "
                            + "SELECT :uuid, id, :configuration, 'webhook', 'admin', 'pending', 0, :window, :at, :at, "
                            + "event_level FROM events WHERE event_id = :eventId")
                    .bind("uuid", uuid)
                    .bind("configuration", configuration)
                    .bind("window", created.plusHours(1).plusDays(1))
                    .bind("at", created)
                    .bind("eventId", eventId)
                    .execute();
        });
        return uuid;
    }
}
