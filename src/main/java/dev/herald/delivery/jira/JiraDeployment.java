package dev.herald.delivery.jira;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Locale;

/**
 * Where a Jira runs, which changes two calls. Jira Cloud is told by its host, {@code <site>.atlassian.net};
 * anything else is taken for Data Center (or Server). Cloud sites on a custom domain are rare and
 * would be treated as Data Center: their search call then fails, visibly, in the delivery record.
 */
public enum JiraDeployment {

    /** Atlassian removed {@code /rest/api/2/search} from Cloud; {@code /search/jql} replaced it. Users are named by accountId there (GDPR). */
    CLOUD("/rest/api/3/search/jql", "accountId"),
    /** Data Center and Server search at {@code /rest/api/2/search} and name users by user name. */
    DATA_CENTER("/rest/api/2/search", "name");

    private static final String CLOUD_DOMAIN = ".atlassian.net";

    private final String searchPath;
    private final String userField;

    JiraDeployment(String searchPath, String userField) {
        this.searchPath = searchPath;
        this.userField = userField;
    }

    public static JiraDeployment of(String url) {
        String host = URI.create(url).getHost();
        return host != null && host.toLowerCase(Locale.ROOT).endsWith(CLOUD_DOMAIN) ? CLOUD : DATA_CENTER;
    }

    /** The path, after the site's URL, of the JQL search. */
    public String searchPath() {
        return searchPath;
    }

    /** The {@code assignee} field of a new issue for the configured assignee. */
    public ObjectNode assignee(String assignee) {
        return JsonNodeFactory.instance.objectNode().put(userField, assignee);
    }
}
