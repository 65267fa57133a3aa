package dev.herald.endpoint;

import dev.herald.scanning.alert.AlertMatcher;
import dev.herald.selector.SelectorMatcher;
import java.util.Map;
import java.util.Set;

/**
 * Everything relay and dispatch need to know about configurations, as of one configuration version.
 *
 * @param configurations every configuration, by uuid
 * @param matcher        every selector, compiled
 * @param disabled       endpoint types the admin switched off
 * @param alerts         every enabled scanning alert that has a channel, compiled
 */
public record ConfigurationSnapshot(
        long version,
        Map<String, EndpointConfiguration> configurations,
        SelectorMatcher matcher,
        Set<EndpointType> disabled,
        AlertMatcher alerts) {

    public boolean isEnabled(EndpointType type) {
        return !disabled.contains(type);
    }
}
