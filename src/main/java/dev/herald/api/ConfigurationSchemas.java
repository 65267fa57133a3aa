package dev.herald.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.endpoint.settings.GithubSettings;
import dev.herald.endpoint.settings.JiraSettings;
import dev.herald.endpoint.settings.SlackSettings;
import dev.herald.endpoint.settings.SmtpSettings;
import dev.herald.endpoint.settings.TeamsSettings;
import dev.herald.endpoint.settings.WebhookSettings;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * How /api-doc describes a configuration: the fields every configuration has, plus its endpoint
 * type's own, whose descriptions, required marks and secret marks live on the settings records
 * (dev.herald.endpoint.settings), next to the code that reads them. Documentation only: no answer
 * is built from these types.
 */
final class ConfigurationSchemas {

    private ConfigurationSchemas() {
    }

    @Schema(name = "ConfigurationFields", description = "The fields every endpoint configuration has")
    public record Common(
            @Schema(description = "The configuration's id, set by Herald", accessMode = Schema.AccessMode.READ_ONLY)
            String uuid,
            @Schema(description = "A name for people, at most 250 characters") String description,
            @Schema(description = "Verify the receiver's TLS certificate; true unless set")
            @JsonProperty("verify_tls") Boolean verifyTls,
            @Schema(description = "Herald: seconds to wait for the receiver, 1 to 300; herald.http.* settings unless set")
            @JsonProperty("timeout_seconds") Integer timeoutSeconds,
            @Schema(description = "Herald: most deliveries a second, 1 to 1000; unset means no limit (slack: 1)")
            @JsonProperty("rate_limit_per_second") Integer rateLimitPerSecond,
            @Schema(description = "Herald: quiet hours, at most 20 windows; a delivery due inside one waits until it "
                    + "ends (nothing is dropped); left out when unset")
            List<MuteWindow> mute,
            @Schema(description = "Herald: event levels (info, error) whose deliveries go out during quiet hours; "
                    + "left out when unset")
            @JsonProperty("mute_except_levels") List<String> muteExceptLevels,
            @Schema(description = "Herald: send its deliveries together, one message per window; each on its own "
                    + "when unset (left out). github and jira take it and still keep one issue per finding")
            DigestSettings digest,
            @Schema(description = "Herald: false and no deliveries are made for it; true unless set. Herald sets it "
                    + "false when every attempt failed for herald.delivery.disable-after or the receiver answered 410 Gone")
            Boolean enabled,
            @Schema(description = "When it was created", format = "date-time", accessMode = Schema.AccessMode.READ_ONLY)
            @JsonProperty("created_at") String createdAt,
            @Schema(description = "When it last changed", format = "date-time", accessMode = Schema.AccessMode.READ_ONLY)
            @JsonProperty("last_updated") String lastUpdated,
            @Schema(description = "Herald: how its receiver fared lately: unknown, healthy or unhealthy",
                    accessMode = Schema.AccessMode.READ_ONLY) String status) {
    }

    @Schema(name = "MuteWindow", description = "Herald: one quiet-hours window, in local time of its time zone. "
            + "A window whose end is not after its start crosses midnight, and belongs to the day it starts. On "
            + "daylight-saving days a time the clocks skip moves forward by the gap, and a repeated time takes "
            + "its first occurrence")
    public record MuteWindow(
            @Schema(description = "The days it starts on, MON to SUN; every day unless set") List<String> days,
            @Schema(description = "When it starts, HH:mm", requiredMode = Schema.RequiredMode.REQUIRED, example = "22:00")
            String start,
            @Schema(description = "When it ends, HH:mm, not equal to start", requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "07:00") String end,
            @Schema(description = "An IANA time zone", requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "Europe/Berlin") String timezone) {
    }

    @Schema(name = "Digest", description = "Herald: the deliveries matched in a window go out as one message when "
            + "the window closes (window_seconds after the oldest of them was created) or max_events are waiting, "
            + "whichever comes first; inside quiet hours at their end. Slack, Teams and email list the events by type, "
            + "most severe first, with counts; a webhook gets {\"events\": [...]} (or its body_template, rendered with "
            + "events). Its deliveries carry its digest_id, which is also the message's webhook-id / Message-ID")
    public record DigestSettings(
            @Schema(description = "Seconds a window stays open, 1 to 86400", requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "300") @JsonProperty("window_seconds") Integer windowSeconds,
            @Schema(description = "Most events in one message, 1 to 10000; that many waiting close the window early",
                    requiredMode = Schema.RequiredMode.REQUIRED, example = "500")
            @JsonProperty("max_events") Integer maxEvents) {
    }

    @Schema(name = "SmtpConfiguration", description = "An smtp (email) configuration",
            allOf = {Common.class, SmtpSettings.class})
    public interface Smtp {
    }

    @Schema(name = "SlackConfiguration", description = "A slack configuration", allOf = {Common.class, SlackSettings.class})
    public interface Slack {
    }

    @Schema(name = "TeamsConfiguration", description = "A teams configuration", allOf = {Common.class, TeamsSettings.class})
    public interface Teams {
    }

    @Schema(name = "GithubConfiguration", description = "A github configuration", allOf = {Common.class, GithubSettings.class})
    public interface Github {
    }

    @Schema(name = "JiraConfiguration", description = "A jira configuration", allOf = {Common.class, JiraSettings.class})
    public interface Jira {
    }

    @Schema(name = "WebhookConfiguration", description = "A webhook configuration",
            allOf = {Common.class, WebhookSettings.class})
    public interface Webhook {
    }

    @Schema(name = "EndpointConfiguration", description = "A configuration of the endpoint type in the path "
            + "({endpoint_type}): the fields every configuration has and the type's own. Any other field is refused.",
            oneOf = {Smtp.class, Slack.class, Teams.class, Github.class, Jira.class, Webhook.class})
    public interface Configuration {
    }
}
