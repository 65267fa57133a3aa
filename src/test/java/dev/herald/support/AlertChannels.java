package dev.herald.support;

import static dev.herald.support.Json.body;

import java.util.List;
import java.util.Map;

/**
 * Channels for scanning alerts in route tests: webhook configurations without selectors, so only
 * alerts send to them, each on its own path of a loopback receiver.
 */
public final class AlertChannels {

    /** A channel's path on the receiver and its configuration's uuid. */
    public record Channel(String path, String uuid) {
    }

    private final Scenario scenario;
    private final LoopbackReceiver receiver;

    public AlertChannels(Scenario scenario, LoopbackReceiver receiver) {
        this.scenario = scenario;
        this.receiver = receiver;
    }

    public Channel channel(ApiClient api, String name) {
        String path = "/" + name + "-" + System.nanoTime();
        return new Channel(path, scenario.webhook(api, receiver.url(path), List.of()));
    }

    /** The event ids the channel received, in order. */
    public List<String> received(Channel channel) {
        return receiver.requestsTo(channel.path()).stream().map(request -> request.header("X-Herald-Event-Id")).toList();
    }

    public static Map<String, Object> repositoryAlert(String registry, String repository, String tag,
            Map<String, Object> triggers, boolean onlyPassFail, Channel... channels) {
        return body("name", "repository alert", "type", "repository",
                "repositories", List.of(Map.of("registry", registry, "repository", repository, "tag", tag)),
                "triggers", triggers, "onlyPassFail", onlyPassFail,
                "notificationChannelIds", List.of(channels).stream().map(Channel::uuid).toList());
    }
}
