package dev.herald.scanning.alert;

import java.util.List;

/**
 * One page of an account's alerts, in the order they were created.
 *
 * @param nextAfter the position to list on from, or null on the last page
 */
public record AlertListing(List<Alert> alerts, Long nextAfter) {
}
