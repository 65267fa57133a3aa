package dev.herald.endpoint.settings;

import java.util.Optional;

/** The fields of a configuration that belong to its endpoint type; stored as JSON. */
public sealed interface EndpointSettings
        permits SmtpSettings, SlackSettings, TeamsSettings, GithubSettings, JiraSettings, WebhookSettings {

    /** A copy that is safe to return: every secret replaced by a mask. */
    EndpointSettings masked();

    /** The URL Herald sends to over HTTP, for the types that have one (not smtp). */
    default Optional<String> targetUrl() {
        return Optional.empty();
    }
}
