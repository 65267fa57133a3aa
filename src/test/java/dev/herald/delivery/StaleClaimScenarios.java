package dev.herald.delivery;

import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.config.JsonMapper;
import dev.herald.delivery.table.AttemptOutcome;
import dev.herald.delivery.table.DeliveryAttempt;
import dev.herald.delivery.table.DeliveryRepository;
import dev.herald.delivery.table.SettledAttempt;
import dev.herald.endpoint.EndpointType;
import dev.herald.event.EventRows;
import dev.herald.support.DatabaseApiTestBase;
import dev.herald.support.LoopbackReceiver.Request;
import dev.herald.support.LoopbackReceiver;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stale claims (DESIGN §8): a delivery claimed by a replica that died is taken over once its
 * {@code claimed_until} has passed, never before, and a claimant that lost its claim cannot record
 * over the new holder. Subclasses choose the database.
 */
abstract class StaleClaimScenarios extends DatabaseApiTestBase {

    private static final String DEAD_REPLICA = "dead-replica-4711";

    static LoopbackReceiver receiver;

    @BeforeAll
    static void startReceiver() {
        receiver = new LoopbackReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void aDeadReplicasClaimIsTakenOverWhenItExpiresAndALiveClaimIsLeftAlone() {
        String path = "/stale-" + System.nanoTime();
        String configuration = scenario.webhook(herald.api(), receiver.url(path), List.of(selector("account", "*", "*", "*")));
        Jdbi sql = scenario.sql();
        // as the dead replica left them: relayed, claimed, sent perhaps, never recorded
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime expiring = now.plusSeconds(1);
        String expiringDelivery = claimedDelivery(sql, configuration, now.minusSeconds(5), expiring);
        String liveDelivery = claimedDelivery(sql, configuration, now.minusSeconds(5), now.plusYears(10));
        long anchorNanos = System.nanoTime();
        Instant anchor = Instant.now();

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> "delivered".equals(state(sql, expiringDelivery)));

        List<Request> received = receiver.requestsTo(path);
        assertThat(received).extracting(request -> request.header("webhook-id")).containsExactly(expiringDelivery);
        Instant receivedAt = anchor.plusNanos(received.get(0).receivedAtNanos() - anchorNanos);
        assertThat(receivedAt).as("not sent before the dead replica's claim expired")
                .isAfterOrEqualTo(expiring.toInstant().truncatedTo(ChronoUnit.MILLIS));
        Map<String, Object> taken = row(sql, expiringDelivery);
        assertThat(taken.get("attempts")).as("the dead replica's attempt and this one").isEqualTo(2);
        assertThat((String) taken.get("delivered_by")).contains("-" + ProcessHandle.current().pid() + "-");
        assertThat(taken.get("claimed_by")).isNull();
        assertThat(taken.get("claimed_until")).isNull();

        Map<String, Object> live = row(sql, liveDelivery);
        assertThat(live.get("state")).isEqualTo("pending");
        assertThat(live.get("claimed_by")).isEqualTo(DEAD_REPLICA);
        assertThat(live.get("attempts")).isEqualTo(1);
    }

    @Test
    void aClaimantWhoseClaimWasTakenOverCannotRecordOverTheNewHolder() {
        String configuration = scenario.webhook(herald.api(), receiver.url("/never-" + System.nanoTime()),
                List.of(selector("account", "*", "*", "*")));
        Jdbi sql = scenario.sql();
        DeliveryRepository deliveries = new DeliveryRepository(sql, new EventRows(JsonMapper.create()));
        // due tomorrow, so the running Herald leaves it to this test, which claims as of tomorrow
        Instant tomorrow = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(1));
        String uuid = claimedDelivery(sql, configuration, tomorrow.atOffset(ZoneOffset.UTC), null);

        assertThat(claim(deliveries, tomorrow.plusSeconds(1), tomorrow.plusSeconds(3), "slow-replica"))
                .containsExactly(uuid);
        assertThat(claim(deliveries, tomorrow.plusSeconds(2), tomorrow.plusSeconds(4), "other-replica"))
                .as("still claimed").doesNotContain(uuid);
        assertThat(claim(deliveries, tomorrow.plusSeconds(4), tomorrow.plusSeconds(6), "other-replica"))
                .as("expired: taken over").containsExactly(uuid);

        Instant recorded = tomorrow.plusSeconds(5);
        assertThat(deliveries.recordAttempts(List.of(attempt(uuid, 404, AttemptOutcome.DEAD, recorded)),
                "slow-replica", recorded)).as("the slow replica's late attempt is dropped").isEmpty();
        assertThat(row(sql, uuid).get("state")).isEqualTo("pending");
        assertThat(deliveries.recordAttempts(List.of(attempt(uuid, 200, AttemptOutcome.DELIVERED, recorded)), "other-replica", recorded)).hasSize(1);
        Map<String, Object> row = row(sql, uuid);
        assertThat(row.get("state")).isEqualTo("delivered");
        assertThat(row.get("delivered_by")).isEqualTo("other-replica");
        assertThat(row.get("attempts")).isEqualTo(2);
    }

    private static List<String> claim(DeliveryRepository deliveries, Instant now, Instant until, String claimant) {
        return deliveries.claimDue(10, List.of(), now, claimant, due -> new DeliveryRepository.Claim(until)).claimed();
    }

    private static SettledAttempt attempt(String uuid, int status, AttemptOutcome outcome, Instant at) {
        return new SettledAttempt(uuid, "configuration", "admin", new DeliveryAttempt(1, at, at, status, null, outcome), null, null,
                null, EndpointType.WEBHOOK, at, true);
    }

    /**
     * A relayed event and its pending delivery, claimed by the dead replica until {@code claimedUntil}
     * (unclaimed when null); returns the delivery's uuid.
     */
    private static String claimedDelivery(Jdbi sql, String configuration, OffsetDateTime due, OffsetDateTime claimedUntil) {
        String eventId = "stale-" + UUID.randomUUID();
        String uuid = UUID.randomUUID().toString();
        sql.useTransaction(handle -> {
            handle.createUpdate("INSERT INTO events (event_id, account_name, event_type, event_level, resource_type, "
                            + "relayed_at) VALUES (:eventId, 'admin', 'user.image.analysis.completed', 'info', 'image_digest', :due)")
                    .bind("eventId", eventId)
                    .bind("due", due)
                    .execute();
            handle.createUpdate("INSERT INTO deliveries (uuid, event_id, configuration_uuid, endpoint_type, account_name, "
                            + "state, attempts, next_attempt_at, claimed_until, claimed_by, created_at, updated_at, event_level) "
                            + "SELECT :uuid, id, :configuration, 'webhook', 'admin', 'pending', :attempts, :due, :until, "
                            + ":claimant, :due, :due, event_level FROM events WHERE event_id = :eventId")
                    .bind("uuid", uuid)
                    .bind("configuration", configuration)
                    .bind("attempts", claimedUntil == null ? 0 : 1)
                    .bind("due", due)
                    .bindByType("until", claimedUntil, OffsetDateTime.class)
                    .bindByType("claimant", claimedUntil == null ? null : DEAD_REPLICA, String.class)
                    .bind("eventId", eventId)
                    .execute();
        });
        return uuid;
    }

    private static String state(Jdbi sql, String uuid) {
        return (String) row(sql, uuid).get("state");
    }

    private static Map<String, Object> row(Jdbi sql, String uuid) {
        return sql.withHandle(handle -> handle.createQuery("SELECT state, attempts, claimed_by, claimed_until, delivered_by "
                        + "FROM deliveries WHERE uuid = :uuid")
                .bind("uuid", uuid)
                .mapToMap()
                .one());
    }
}
