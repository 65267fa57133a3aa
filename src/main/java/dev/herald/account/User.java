package dev.herald.account;

import java.time.Instant;

/** A user of an account; its password is kept only as a hash, outside this record. */
public record User(String username, String account, Role role, Instant createdAt) {
}
