package dev.herald.event;

/** What the relay reads of a claimed event only for scanning alerts: its resource id and details (JSON text). */
public record EventContent(String resourceId, String details) {
}
