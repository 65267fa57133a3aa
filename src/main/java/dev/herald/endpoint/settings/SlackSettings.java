package dev.herald.endpoint.settings;

import dev.herald.validation.JsonInput;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** A Slack incoming webhook; its URL is the secret. */
public record SlackSettings(String url) implements EndpointSettings {

    public static SlackSettings read(JsonInput input, SlackSettings stored) {
        return new SlackSettings(Secrets.readUrl(input, "url", stored == null ? null : stored.url()));
    }

    @Override
    public Optional<String> targetUrl() {
        return Optional.ofNullable(url);
    }

    @Override
    public SlackSettings masked() {
        return new SlackSettings(Secrets.maskUrl(url));
    }

    @Override
    public SlackSettings withSecrets(UnaryOperator<String> transform) {
        return new SlackSettings(Secrets.map(url, transform));
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
