package dev.herald.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.support.LoopbackReceiver.Answer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real peer on loopback for every endpoint type: GreenMail (SMTP with a login), a receiver for
 * webhooks, Slack and Teams, the fake GitHub and Jira, and an echo receiver that refuses every
 * request with a chosen status and sends the whole request back (URL, headers, body), as careless
 * servers do, to show what Herald keeps of such an answer.
 */
public final class EndpointPeers implements AutoCloseable {

    public static final String SMTP_USER = "herald-mailer";
    public static final String SMTP_PASSWORD = "s3cr3t-smtp-pass-4e1d";
    public static final String WEBHOOK_USER = "hook-user";
    public static final List<String> TYPES = List.of("smtp", "slack", "teams", "github", "jira", "webhook");

    private static final ObjectMapper JSON = new ObjectMapper();

    public final GreenMail mail;
    public final LoopbackReceiver receiver = new LoopbackReceiver();
    public final LoopbackReceiver echo = new LoopbackReceiver();
    public final FakeGithub github = new FakeGithub();
    public final FakeJira jira = new FakeJira();

    public EndpointPeers() {
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("sec@acme.example", SMTP_USER, SMTP_PASSWORD));
        mail.start();
        for (String method : List.of("GET", "POST")) {
            echo.script(method, "/echo-(\\d{3})/.*", (request, path) -> new Answer(Integer.parseInt(path.group(1)),
                    echoed(request)));
        }
    }

    /**
     * A configuration of {@code type} that delivers. Its secrets are its own (marked with {@code tag})
     * where the peer accepts any: the fake GitHub and Jira accept only their own credentials.
     */
    public Map<String, Object> working(String type, String tag) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (type) {
            case "smtp" -> {
                body.put("host", "127.0.0.1");
                body.put("port", mail.getSmtp().getPort());
                body.put("from", "herald@acme.example");
                body.put("to", "sec@acme.example");
                body.put("username", SMTP_USER);
                body.put("password", SMTP_PASSWORD);
                body.put("use_tls", false);
            }
            case "slack" -> body.put("url", receiver.url("/services/T0" + tag + "/B0" + tag + "/s3cr3tSlackToken" + tag));
            case "teams" -> body.put("url", receiver.url("/workflows/s3cr3t-teams-flow-" + tag
                    + "/triggers/manual/paths/invoke?api-version=1&sig=s3cr3tTeamsSig" + tag));
            case "github" -> {
                body.put("url", github.url());
                body.put("username", "herald-bot");
                body.put("access_token", FakeGithub.TOKEN);
                body.put("owner", "acme");
                body.put("repository", "findings-" + tag);
            }
            case "jira" -> {
                body.put("url", jira.url());
                body.put("username", FakeJira.USERNAME);
                body.put("password", FakeJira.PASSWORD);
                body.put("project_key", "SEC");
                body.put("issue_type", "Bug");
            }
            case "webhook" -> {
                body.put("url", receiver.url("/hooks/whk-s3cr3t-path-" + tag + "?token=s3cr3t-query-" + tag));
                body.put("username", WEBHOOK_USER);
                body.put("password", "s3cr3t-webhook-pass-" + tag);
            }
            default -> throw new IllegalArgumentException(type);
        }
        return body;
    }

    /** The field that holds a type's secret. */
    public static String secretField(String type) {
        return switch (type) {
            case "slack", "teams" -> "url";
            case "github" -> "access_token";
            default -> "password";
        };
    }

    /** A URL on the echo receiver, which answers {@code status} to anything under it. */
    public String echoUrl(int status, String rest) {
        return echo.url("/echo-" + status + rest);
    }

    private static String echoed(LoopbackReceiver.Request request) {
        ObjectNode echoed = JSON.createObjectNode()
                .put("error", "refused")
                .put("method", request.method())
                .put("url", request.path() + (request.query() == null ? "" : "?" + request.query()));
        ObjectNode headers = echoed.putObject("headers");
        request.headers().forEach(headers::put);
        echoed.put("body", request.body());
        return echoed.toString();
    }

    @Override
    public void close() {
        mail.stop();
        receiver.close();
        echo.close();
        github.close();
        jira.close();
    }
}
