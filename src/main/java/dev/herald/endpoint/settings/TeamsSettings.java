package dev.herald.endpoint.settings;

import dev.herald.validation.JsonInput;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

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

    @Override
    public TeamsSettings withSecrets(UnaryOperator<String> transform) {
        return new TeamsSettings(Secrets.map(url, transform));
    }

    @Override
    public List<String> sensitiveTexts() {
        return Secrets.present(url);
    }

    @Override
    public String toString() {
        return Secrets.describe(this);
    }
}
