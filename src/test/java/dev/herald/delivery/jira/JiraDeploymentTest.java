package dev.herald.delivery.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Jira Cloud or Data Center, by the site's host: which search to call and how to name an assignee. */
class JiraDeploymentTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://acme.atlassian.net", "https://acme.atlassian.net/", "https://ACME.Atlassian.NET",
            "https://acme-sandbox.atlassian.net:443/"})
    void aSiteOnAtlassianNetIsCloud(String url) {
        JiraDeployment deployment = JiraDeployment.of(url);

        assertThat(deployment).isEqualTo(JiraDeployment.CLOUD);
        assertThat(deployment.searchPath()).isEqualTo("/rest/api/3/search/jql");
        assertThat(deployment.assignee("5b10ac8d82e05b22cc7d4ef5"))
                .isEqualTo(JsonNodeFactory.instance.objectNode().put("accountId", "5b10ac8d82e05b22cc7d4ef5"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://jira.acme.example", "https://jira.acme.example/jira", "http://127.0.0.1:8080",
            "https://atlassian.net.evil.example", "https://notatlassian.net.example", "https://jira.atlassian.network"})
    void anyOtherSiteIsDataCenter(String url) {
        JiraDeployment deployment = JiraDeployment.of(url);

        assertThat(deployment).isEqualTo(JiraDeployment.DATA_CENTER);
        assertThat(deployment.searchPath()).isEqualTo("/rest/api/2/search");
        assertThat(deployment.assignee("jsmith")).isEqualTo(JsonNodeFactory.instance.objectNode().put("name", "jsmith"));
    }
}
