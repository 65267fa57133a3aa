package dev.herald.store;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Ids for the rows Herald inserts fastest (a delivery per event and configuration, the events posted
 * without an id of their own): UUID version 7 (RFC 9562), whose leading 48 bits are the time in
 * milliseconds. Each new key then lands at the end of its unique index rather than on a random page
 * of it, so an insert touches the index's last pages, which are in memory, and a commit rewrites few
 * of them (H2 copies every page a transaction changed). The rest is random (Java's SecureRandom),
 * counted up within a millisecond to keep the order, so an id made next to a known one can be
 * guessed: none is a secret, every read checks the account, as with random ids.
 */
public final class TimeOrderedIds {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private TimeOrderedIds() {
    }

    /** In the usual form, {@code 0190f0e4-…}. */
    public static String uuid() {
        return GENERATOR.generate().toString();
    }

    /** 32 hexadecimal digits, the form of Anchore's event ids. */
    public static String hex() {
        return uuid().replace("-", "");
    }
}
