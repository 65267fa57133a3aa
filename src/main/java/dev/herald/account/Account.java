package dev.herald.account;

import java.time.Instant;

/**
 * An account: it owns configurations, selectors, deliveries and events, and has users.
 *
 * @param type {@code admin} for the account that administers the system, else {@code user}
 */
public record Account(String name, String email, String type, Instant createdAt) {
}
