package dev.herald.endpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.endpoint.settings.EndpointSettings;
import dev.herald.endpoint.settings.GithubSettings;
import dev.herald.endpoint.settings.JiraSettings;
import dev.herald.endpoint.settings.SlackSettings;
import dev.herald.endpoint.settings.SmtpSettings;
import dev.herald.endpoint.settings.TeamsSettings;
import dev.herald.endpoint.settings.WebhookSettings;
import dev.herald.validation.JsonInput;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The six endpoint types, named as Anchore's API names them. */
public enum EndpointType {
    SMTP(SmtpSettings.class),
    SLACK(SlackSettings.class),
    TEAMS(TeamsSettings.class),
    GITHUB(GithubSettings.class),
    JIRA(JiraSettings.class),
    WEBHOOK(WebhookSettings.class);

    private final Class<? extends EndpointSettings> settingsClass;

    EndpointType(Class<? extends EndpointSettings> settingsClass) {
        this.settingsClass = settingsClass;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The most deliveries per second a configuration of the type sends unless it sets its own
     * {@code rate_limit_per_second}: Slack's incoming webhooks take about one message a second;
     * the other types have no limit of their own here.
     */
    public Integer defaultRateLimitPerSecond() {
        return this == SLACK ? 1 : null;
    }

    /** How the type's own fields are stored (as JSON). */
    public Class<? extends EndpointSettings> settingsClass() {
        return settingsClass;
    }

    /**
     * The type's own fields, as the API names them (a component's {@code @JsonProperty} name, or
     * its own): what a request for the type may hold besides the fields every configuration has.
     * Components hidden from the API document are stored state, not fields (a webhook's previous signing secret).
     */
    public List<String> fieldNames() {
        return Arrays.stream(settingsClass.getRecordComponents())
                .filter(component -> {
                    Schema schema = component.getAccessor().getAnnotation(Schema.class);
                    return schema == null || !schema.hidden();
                })
                .map(component -> {
                    JsonProperty named = component.getAccessor().getAnnotation(JsonProperty.class);
                    return named == null ? component.getName() : named.value();
                })
                .toList();
    }

    /**
     * Reads and validates the type's own fields of a request.
     *
     * @param stored the configuration's current settings when updating (secrets the request omits
     *               are kept), null when creating (secrets are then required where the spec says so)
     * @param now    when the request is read (a webhook records when its signing secret was replaced)
     */
    public EndpointSettings readSettings(JsonInput input, EndpointSettings stored, Instant now) {
        return switch (this) {
            case SMTP -> SmtpSettings.read(input, (SmtpSettings) stored);
            case SLACK -> SlackSettings.read(input, (SlackSettings) stored);
            case TEAMS -> TeamsSettings.read(input, (TeamsSettings) stored);
            case GITHUB -> GithubSettings.read(input, (GithubSettings) stored);
            case JIRA -> JiraSettings.read(input, (JiraSettings) stored);
            case WEBHOOK -> WebhookSettings.read(input, (WebhookSettings) stored, now);
        };
    }

    public static Optional<EndpointType> parse(String name) {
        for (EndpointType type : values()) {
            if (type.apiName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return apiName();
    }
}
