package dev.herald.delivery;

import dev.herald.delivery.table.Delivery;
import dev.herald.delivery.table.DeliveryRepository;
import dev.herald.delivery.table.DeliveryState;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

/**
 * Puts dead (or suppressed) deliveries back in the queue, for the API and for operations tools
 * (a JMX operation, say). A replayed delivery is pending and due at once; it keeps its history and
 * its attempt count, and gets a new retry budget: {@code herald.delivery.max-attempts} attempts
 * from now on, within {@code herald.delivery.max-age} of the replay.
 */
public final class DeliveryReplay {

    /** What became of a request to replay one delivery. */
    public enum Result {
        REPLAYED,
        /** No such delivery in the account. */
        NOT_FOUND,
        /** Delivered, or pending already: nothing to replay. */
        NOT_REPLAYABLE
    }

    private final Jdbi jdbi;
    private final DeliveryRepository deliveries;
    private final Clock clock;

    public DeliveryReplay(Jdbi jdbi, DeliveryRepository deliveries, Clock clock) {
        this.jdbi = jdbi;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** Replays one delivery of the account, if it is dead or suppressed. */
    public Result replay(String account, String uuid) {
        Optional<Delivery> delivery = deliveries.find(account, uuid);
        if (delivery.isEmpty()) {
            return Result.NOT_FOUND;
        }
        return replay(account, uuid, null, null) > 0 ? Result.REPLAYED : Result.NOT_REPLAYABLE;
    }

    /**
     * Replays the account's deliveries in a state, dead or suppressed.
     *
     * @param configurationUuid only those of this configuration, or null for all
     * @return how many were replayed
     */
    public int replayAll(String account, DeliveryState state, String configurationUuid) {
        if (state != DeliveryState.DEAD && state != DeliveryState.SUPPRESSED) {
            throw new IllegalArgumentException("only dead or suppressed deliveries can be replayed, not " + state);
        }
        return replay(account, null, state, configurationUuid);
    }

    /**
     * Replays every dead delivery of an account, or of every account: what an operator runs once a
     * receiver is mended.
     *
     * @param account the account, or null (or blank) for every account
     * @return how many were replayed
     */
    public int replayDead(String account) {
        return replay(account == null || account.isBlank() ? null : account, null, DeliveryState.DEAD, null);
    }

    /**
     * Puts the matching dead or suppressed deliveries back in the queue, due now, with a new retry
     * budget; their history and attempt count stay.
     *
     * @param account       the account whose deliveries, or null for every account's
     * @param uuid          one delivery, or null for all that match
     * @param state         only deliveries in this state, or null for dead and suppressed ones
     * @param configuration only the deliveries of this configuration, or null for any
     * @return how many were put back
     */
    private int replay(String account, String uuid, DeliveryState state, String configuration) {
        StringBuilder where = new StringBuilder(" WHERE state IN ('dead', 'suppressed')");
        Map<String, Object> values = new LinkedHashMap<>();
        if (account != null) {
            where.append(" AND account_name = :account");
            values.put("account", account);
        }
        if (uuid != null) {
            where.append(" AND uuid = :uuid");
            values.put("uuid", uuid);
        }
        if (state != null) {
            where.append(" AND state = :state");
            values.put("state", state.apiName());
        }
        if (configuration != null) {
            where.append(" AND configuration_uuid = :configuration");
            values.put("configuration", configuration);
        }
        return jdbi.withHandle(handle -> {
            Update update = handle.createUpdate("UPDATE deliveries SET state = 'pending', next_attempt_at = :now, "
                    + "replayed_at = :now, attempts_before_replay = attempts, updated_at = :now" + where);
            values.forEach(update::bind);
            return update.bind("now", clock.instant().atOffset(ZoneOffset.UTC)).execute();
        });
    }
}
