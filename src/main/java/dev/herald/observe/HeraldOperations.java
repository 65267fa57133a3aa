package dev.herald.observe;

import dev.herald.delivery.DeliveryReplay;
import dev.herald.delivery.dispatch.DispatchPause;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.StaticService;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator can do to this Herald process over JMX, next to Camel's own route and context
 * MBeans: {@code org.apache.camel:context=<name>,type=services,name=HeraldOperations}. A Camel
 * service, so Camel's management strategy registers it and assembles the MBean from the annotations.
 *
 * <p>Pausing stops dispatch only: relay goes on turning events into pending deliveries, so the
 * backlog stays visible (herald_delivery_queue_depth) and nothing posted meanwhile is lost. It is
 * not done by suspending the dispatch-deliveries route: Camel 4.18's loop with breakOnShutdown keeps
 * the shutdown flag a suspension sets, so after resuming, the route's loop would never run again.
 */
@ManagedResource(description = "Herald: pause and resume the dispatch of deliveries in this process, replay dead ones")
public final class HeraldOperations extends ServiceSupport implements StaticService {

    private static final Logger LOG = LoggerFactory.getLogger(HeraldOperations.class);
    /** The wake-up relay-events sends: dispatch reads the table, one queued wake-up is enough. */
    private static final String WAKE_DISPATCH = "seda:dispatch-deliveries?size=1&discardWhenFull=true";

    private final DispatchPause pause;
    private final DeliveryReplay replay;
    private final ProducerTemplate producer;

    public HeraldOperations(DispatchPause pause, DeliveryReplay replay, ProducerTemplate producer) {
        this.pause = pause;
        this.replay = replay;
        this.producer = producer;
    }

    @ManagedOperation(description = "Stop claiming deliveries: those being sent finish, the others stay pending")
    public void pauseDispatch() {
        pause.pause();
        LOG.info("Dispatch paused through JMX");
    }

    @ManagedOperation(description = "Claim and send due deliveries again, starting now")
    public void resumeDispatch() {
        pause.resume();
        LOG.info("Dispatch resumed through JMX");
        producer.sendBody(WAKE_DISPATCH, null);
    }

    /** The deliveries are in the shared table, so this replays them for every Herald process, not this one only. */
    @ManagedOperation(description = "Put every dead delivery of every account back in the queue, due now with a new"
            + " retry budget; answers how many")
    public int replayDeadDeliveries() {
        return replayDeadDeliveriesOf(null);
    }

    @ManagedOperation(description = "Put the dead deliveries of one account back in the queue, due now with a new"
            + " retry budget; answers how many")
    public int replayDeadDeliveriesOf(String account) {
        // null or blank: every account's
        int replayed = replay.replayDead(account);
        LOG.info("{} dead deliveries replayed through JMX", replayed);
        producer.sendBody(WAKE_DISPATCH, null);
        return replayed;
    }

    @ManagedAttribute(description = "Whether dispatch is paused in this process")
    public boolean isDispatchPaused() {
        return pause.isPaused();
    }
}
