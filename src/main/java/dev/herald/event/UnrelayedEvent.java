package dev.herald.event;

/** What the relay reads of a claimed event: its key and the four facts selectors look at. */
public record UnrelayedEvent(long id, String account, String level, String type, String resourceType) {
}
