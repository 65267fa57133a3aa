package dev.herald.endpoint.settings;

import dev.herald.validation.JsonInput;
import java.util.Optional;

/** A Microsoft Teams Workflows (or legacy Office 365 connector) webhook; its URL is the secret. */
public record TeamsSettings(String url) implements EndpointSettings {

    public static TeamsSettings read(JsonInput input, TeamsSettings stored) {
        return new TeamsSettings(Secrets.readUrl(input, "url", stored == null ? null : stored.url()));
    }

    @Override
    public Optional<String> targetUrl() {
        return Optional.ofNullable(url);
    }

    @Override
    public TeamsSettings masked() {
        return new TeamsSettings(Secrets.maskUrl(url));
    }
}
