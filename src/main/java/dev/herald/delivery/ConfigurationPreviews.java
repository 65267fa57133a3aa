package dev.herald.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.delivery.github.GithubIssues;
import dev.herald.delivery.issue.Finding;
import dev.herald.delivery.jira.JiraIssues;
import dev.herald.delivery.message.Notification;
import dev.herald.delivery.message.NotificationFactory;
import dev.herald.delivery.slack.SlackMessages;
import dev.herald.delivery.smtp.MailMessages;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.delivery.teams.TeamsCards;
import dev.herald.delivery.webhook.WebhookBodies;
import dev.herald.endpoint.EndpointConfiguration;
import dev.herald.endpoint.settings.TeamsSettings;
import dev.herald.endpoint.settings.WebhookSettings;
import dev.herald.event.Event;
import dev.herald.event.EventTypeCatalogue.KnownType;
import dev.herald.event.SampleEvent;
import java.time.Clock;
import java.util.Map;

/**
 * What a configuration would send for a sample event of a catalogue type, built by the same code
 * that sends (the channel's own payload, with the configuration's templates), and sent nowhere.
 */
public final class ConfigurationPreviews {

    private final NotificationFactory notifications;
    private final WebhookBodies webhookBodies;
    private final SlackMessages slack;
    private final TeamsCards teams;
    private final MailMessages mail;
    private final GithubIssues github;
    private final JiraIssues jira;
    private final ObjectMapper json;
    private final Clock clock;

    public ConfigurationPreviews(NotificationFactory notifications, WebhookBodies webhookBodies, SlackMessages slack,
            TeamsCards teams, MailMessages mail, GithubIssues github, JiraIssues jira, ObjectMapper json, Clock clock) {
        this.notifications = notifications;
        this.webhookBodies = webhookBodies;
        this.slack = slack;
        this.teams = teams;
        this.mail = mail;
        this.github = github;
        this.jira = jira;
        this.json = json;
        this.clock = clock;
    }

    /** The payload for a sample event of {@code type}; the configuration's templates must compile. */
    public Rendered preview(EndpointConfiguration configuration, KnownType type) {
        Event event = SampleEvent.of(type, configuration.account(), json, clock.instant());
        Notification notification = notifications.of(
                ClaimedDelivery.preview(configuration.type(), configuration, event, clock.instant()));
        return switch (configuration.type()) {
            case WEBHOOK -> {
                Map<String, String> headers = ((WebhookSettings) configuration.settings()).headers();
                yield new Rendered("application/json", headers == null ? Map.of() : headers, null,
                        webhookBodies.preview(configuration, type), null);
            }
            case SLACK -> new Rendered("application/json", null, null, slack.payload(notification), null);
            case TEAMS -> new Rendered("application/json", null, null,
                    teams.payload(notification, ((TeamsSettings) configuration.settings()).url()).toString(), null);
            case SMTP -> {
                MailMessages.Mail message = mail.mail(notification);
                yield new Rendered("text/html", null, message.subject(), message.html(), message.text());
            }
            case GITHUB -> new Rendered("application/json", null, null,
                    github.open(configuration, Finding.of(event), notification).body().toString(), null);
            case JIRA -> new Rendered("application/json", null, null,
                    jira.open(configuration, Finding.of(event), notification).body().toString(), null);
        };
    }

    /**
     * @param headers  a webhook's static headers, else null
     * @param subject  a mail's subject, else null
     * @param textBody a mail's plain-text alternative, else null
     */
    public record Rendered(String contentType, Map<String, String> headers, String subject, String body, String textBody) {
    }
}
