package dev.herald.delivery.issue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.delivery.message.Notification;
import dev.herald.endpoint.EndpointConfiguration;
import java.util.Optional;

/**
 * One issue tracker's REST API, as the issue-upsert route template needs it: the requests to make
 * and how to read the answers. Pure: no Camel, no database; {@link IssueUpsert} does the rest.
 * Issues are named by the tracker's own handle, a number on GitHub and a key on Jira.
 */
public interface IssueTracker {

    /** The tracker's name, for the texts of failed deliveries. */
    String name();

    /** Reads one issue, to see whether it is still open. */
    TrackerRequest readIssue(EndpointConfiguration configuration, String issue);

    boolean isOpen(JsonNode issue);

    /** Looks for the newest open issue that carries the finding's label. */
    TrackerRequest findOpenIssue(EndpointConfiguration configuration, Finding finding);

    Optional<String> foundIssue(JsonNode answer);

    /** Adds the notification to an open issue as a comment. */
    TrackerRequest comment(EndpointConfiguration configuration, String issue, Notification notification);

    /** Opens an issue for the finding, labelled with the finding's label. */
    TrackerRequest open(EndpointConfiguration configuration, Finding finding, Notification notification);

    /** The issue that {@link #open} made, from the tracker's answer. */
    Optional<String> openedIssue(JsonNode answer);
}
