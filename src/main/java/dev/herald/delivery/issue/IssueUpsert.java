package dev.herald.delivery.issue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.herald.delivery.http.HttpTarget;
import dev.herald.delivery.message.NotificationFactory;
import dev.herald.delivery.outcome.DeliveryOutcome;
import dev.herald.delivery.outcome.DeliveryOutcomes;
import dev.herald.delivery.outcome.RetryableFailures;
import dev.herald.delivery.outcome.RouteProperties;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.endpoint.EndpointConfiguration;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The bean of one tracker's issue-upsert route: each step aims an HTTP call that the route makes
 * with toD, or reads its answer. The conversation: is the finding's remembered issue still open?
 * if not, is there an open issue with the finding's label? comment on that one, or open one.
 */
public final class IssueUpsert {

    /** The {@link Finding} of the delivery. */
    public static final String FINDING = "heraldFinding";
    /** The key the route's throttle serializes on: one conversation at a time per configuration and finding. */
    public static final String LOCK = "heraldIssueLock";
    /** The open issue to comment on; absent while none is known. */
    public static final String ISSUE = "heraldIssue";
    /** What the call being made is for, to say which one failed. */
    private static final String STEP = "heraldIssueStep";
    private static final int MAX_ANSWER_IN_ERROR = 500;

    private final IssueTracker tracker;
    private final FindingIssues issues;
    private final NotificationFactory notifications;
    private final HttpTarget target;
    private final ObjectMapper json;

    public IssueUpsert(IssueTracker tracker, FindingIssues issues, NotificationFactory notifications, HttpTarget target,
            ObjectMapper json) {
        this.tracker = tracker;
        this.issues = issues;
        this.notifications = notifications;
        this.target = target;
        this.json = json;
    }

    public void prepare(Exchange exchange) {
        ClaimedDelivery delivery = delivery(exchange);
        Finding finding = Finding.of(delivery.event());
        exchange.setProperty(FINDING, finding);
        // unsaved test configurations have no uuid; they share one lane per finding
        String configuration = delivery.configuration().uuid() == null ? "unsaved" : delivery.configuration().uuid();
        exchange.setProperty(LOCK, configuration + "/" + finding.key());
    }

    /** Called once the throttle let the delivery through, so it sees what the one before it remembered. */
    public void recall(Exchange exchange) {
        String configuration = delivery(exchange).configuration().uuid();
        if (configuration != null) {
            issues.find(configuration, finding(exchange)).ifPresent(issue -> exchange.setProperty(ISSUE, issue));
        }
    }

    public void aimAtRememberedIssue(Exchange exchange) {
        String issue = exchange.getProperty(ISSUE, String.class);
        aim(exchange, tracker.readIssue(configuration(exchange), issue), "reading issue " + issue);
    }

    /**
     * Keeps the remembered issue only while it is open. One that was deleted (404, 410) or
     * transferred to another repository (GitHub answers 301) is as good as closed here.
     */
    public void readRememberedIssue(Exchange exchange) {
        int status = status(exchange);
        if (status == 301 || status == 404 || status == 410 || !tracker.isOpen(answer(exchange))) {
            exchange.removeProperty(ISSUE);
        }
    }

    public void aimSearch(Exchange exchange) {
        aim(exchange, tracker.findOpenIssue(configuration(exchange), finding(exchange)), "searching for an open issue");
    }

    public void readSearch(Exchange exchange) {
        tracker.foundIssue(answer(exchange)).ifPresent(issue -> exchange.setProperty(ISSUE, issue));
    }

    public void aimComment(Exchange exchange) {
        String issue = exchange.getProperty(ISSUE, String.class);
        aim(exchange, tracker.comment(configuration(exchange), issue, notifications.of(delivery(exchange))),
                "commenting on issue " + issue);
    }

    public void aimOpen(Exchange exchange) {
        aim(exchange, tracker.open(configuration(exchange), finding(exchange), notifications.of(delivery(exchange))),
                "opening an issue");
    }

    /** After the comment or the new issue: delivered, and the issue remembered for the next repeat. */
    public DeliveryOutcome written(Exchange exchange) {
        JsonNode answer = answer(exchange);
        String issue = exchange.getProperty(ISSUE, String.class);
        if (issue == null) {
            issue = tracker.openedIssue(answer).orElseThrow(() -> new TrackerRefusal(status(exchange),
                    tracker.name() + " answered " + status(exchange) + " to opening an issue, but named no issue", "", null));
        }
        ClaimedDelivery delivery = delivery(exchange);
        if (delivery.configuration().uuid() != null) {
            issues.remember(delivery.configuration().uuid(), finding(exchange), issue);
        }
        return DeliveryOutcome.delivered(delivery, status(exchange), issue);
    }

    /** For the route's doCatch of {@link TrackerRefusal}: retryable or not as its status says. */
    public DeliveryOutcome refused(Exchange exchange) {
        TrackerRefusal refusal = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, TrackerRefusal.class);
        return DeliveryOutcome.failed(delivery(exchange), refusal.status(), refusal.reasonWithAnswer(),
                RetryableFailures.httpStatus(refusal.status(), refusal.retryAfter() != null), refusal.retryAfter());
    }

    private void aim(Exchange exchange, TrackerRequest request, String step) {
        Message message = exchange.getMessage();
        // the answer to the previous call came back as headers, and the HTTP component would send them on
        message.removeHeaders("*");
        request.headers().forEach(message::setHeader);
        if (request.body() == null) {
            message.setBody(null);
        } else {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            try {
                message.setBody(json.writeValueAsBytes(request.body()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot write the request to " + tracker.name(), e);
            }
        }
        exchange.setProperty(STEP, step);
        EndpointConfiguration configuration = configuration(exchange);
        target.aim(exchange, request.method(), request.url(), configuration, configuration.verifyTls());
    }

    /** The JSON of a 2xx answer; any other status fails the delivery with the tracker's reason. */
    private JsonNode answer(Exchange exchange) {
        int status = status(exchange);
        String body = exchange.getMessage().getBody(String.class);
        if (status < 200 || status >= 300) {
            throw new TrackerRefusal(status, tracker.name() + " answered " + status + " to "
                    + exchange.getProperty(STEP, String.class), excerpt(body),
                    exchange.getMessage().getHeader(DeliveryOutcomes.RETRY_AFTER, String.class));
        }
        try {
            return body == null || body.isBlank() ? MissingNode.getInstance() : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new TrackerRefusal(status, tracker.name() + " answered " + status + " to "
                    + exchange.getProperty(STEP, String.class) + " with something other than JSON", "", null);
        }
    }

    /** The tracker's answer; the outcome removes the configuration's secrets from it, even a cut one. */
    private static String excerpt(String body) {
        return body == null || body.isBlank() ? "" : IssueText.limit(body.strip(), MAX_ANSWER_IN_ERROR);
    }

    private static int status(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return status == null ? 0 : status;
    }

    private static ClaimedDelivery delivery(Exchange exchange) {
        return exchange.getProperty(RouteProperties.DELIVERY, ClaimedDelivery.class);
    }

    private static EndpointConfiguration configuration(Exchange exchange) {
        return delivery(exchange).configuration();
    }

    private static Finding finding(Exchange exchange) {
        return exchange.getProperty(FINDING, Finding.class);
    }
}
