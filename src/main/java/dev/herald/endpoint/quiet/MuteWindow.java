package dev.herald.endpoint.quiet;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One quiet-hours window of a configuration: from {@code start} to {@code end} local time in
 * {@code zone}, on each of {@code days}. A day names the day the window starts: an end not after the
 * start crosses midnight, so {@code FRI 22:00-07:00} lasts until Saturday 07:00.
 *
 * <p>Local times become instants as {@link ZonedDateTime#of} makes them, by the zone's rules: a time
 * in the hour skipped when clocks go forward moves forward by the gap (02:30 on Europe/Berlin's
 * spring-forward day is 03:30 CEST), a time in the hour repeated when clocks go back takes the earlier
 * offset (02:30 on the fall-back day is 02:30 CEST). So a window keeps its wall-clock times, and lasts
 * an hour less or more on those days.
 */
public record MuteWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {

    public MuteWindow {
        days = Collections.unmodifiableSet(EnumSet.copyOf(days));
    }

    /** When this window ends, if {@code now} is inside one of its days' spans. */
    Optional<Instant> endIfInside(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        // a window that crosses midnight and began yesterday may still be running
        for (LocalDate day : new LocalDate[] {today.minusDays(1), today}) {
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            Instant from = ZonedDateTime.of(day, start, zone).toInstant();
            Instant until = ZonedDateTime.of(end.isAfter(start) ? day : day.plusDays(1), end, zone).toInstant();
            if (!now.isBefore(from) && now.isBefore(until)) {
                return Optional.of(until);
            }
        }
        return Optional.empty();
    }
}
