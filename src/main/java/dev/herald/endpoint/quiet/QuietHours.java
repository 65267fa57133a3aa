package dev.herald.endpoint.quiet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.event.EventLevel;
import dev.herald.validation.JsonInput;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A configuration's quiet hours ({@code mute} and {@code mute_except_levels}): a delivery due inside
 * one of the windows waits until the window ends, unless its event's level is excepted. Nothing is
 * dropped. {@link #NONE} for a configuration without windows.
 */
public record QuietHours(List<MuteWindow> windows, Set<EventLevel> exceptLevels) {

    public static final QuietHours NONE = new QuietHours(List.of(), Set.of());
    /** The request fields, among those every configuration takes. */
    public static final List<String> FIELDS = List.of("mute", "mute_except_levels");

    private static final int MAX_WINDOWS = 20;
    /** Strict: 24:00 is refused (SMART would read it as 00:00); midnight is 00:00. */
    private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm")
            .withResolverStyle(ResolverStyle.STRICT);
    /** Back-to-back windows are followed to the end of the last, within this many steps. */
    private static final int MAX_CHAINED = 50;

    public QuietHours {
        windows = List.copyOf(windows);
        exceptLevels = exceptLevels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(exceptLevels));
    }

    /**
     * Until when a delivery of an event at {@code level}, due at {@code now}, waits: the end of the
     * window it falls in (or of the windows that follow on from it without a gap); empty to send now.
     */
    public Optional<Instant> holdsUntil(Instant now, EventLevel level) {
        if (windows.isEmpty() || exceptLevels.contains(level)) {
            return Optional.empty();
        }
        Instant at = now;
        for (int step = 0; step < MAX_CHAINED; step++) {
            Optional<Instant> end = endOfWindowAt(at);
            if (end.isEmpty()) {
                break;
            }
            at = end.get();
        }
        return at.equals(now) ? Optional.empty() : Optional.of(at);
    }

    private Optional<Instant> endOfWindowAt(Instant at) {
        return windows.stream().map(window -> window.endIfInside(at)).flatMap(Optional::stream).max(Instant::compareTo);
    }

    /** Reads {@code mute} and {@code mute_except_levels} of a request, reporting each problem with its field. */
    public static QuietHours read(JsonInput input) {
        List<MuteWindow> windows = new ArrayList<>();
        for (JsonInput item : input.objectList("mute", MAX_WINDOWS, false)) {
            item.rejectUnknownFields(List.of("days", "start", "end", "timezone"));
            Set<DayOfWeek> days = days(item);
            LocalTime start = time(item, "start");
            LocalTime end = time(item, "end");
            ZoneId zone = zone(item);
            if (start != null && start.equals(end)) {
                item.reject(item.field("end"), "must differ from start");
            } else if (days != null && start != null && end != null && zone != null) {
                windows.add(new MuteWindow(days, start, end, zone));
            }
        }
        Set<EventLevel> except = EnumSet.noneOf(EventLevel.class);
        List<String> levels = input.optionalTextList("mute_except_levels", EventLevel.values().length, 16);
        for (int i = 0; i < levels.size(); i++) {
            Optional<EventLevel> level = EventLevel.parse(levels.get(i));
            if (level.isPresent()) {
                except.add(level.get());
            } else {
                input.reject(input.field("mute_except_levels") + "[" + i + "]", "must be info or error");
            }
        }
        return new QuietHours(windows, except);
    }

    /** Absent means every day; otherwise MON to SUN (or the whole names, in any case). */
    private static Set<DayOfWeek> days(JsonInput item) {
        if (!item.has("days")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        List<String> names = item.optionalTextList("days", 7, 9);
        if (names.isEmpty()) {
            item.reject(item.field("days"), "must name at least one day, or be left out for every day");
            return null;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < names.size(); i++) {
            Optional<DayOfWeek> day = day(names.get(i));
            if (day.isEmpty()) {
                item.reject(item.field("days") + "[" + i + "]", "must be one of MON, TUE, WED, THU, FRI, SAT, SUN");
                return null;
            }
            day.ifPresent(days::add);
        }
        return days;
    }

    private static Optional<DayOfWeek> day(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().equals(upper) || day.name().substring(0, 3).equals(upper)) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }

    private static LocalTime time(JsonInput item, String name) {
        String text = item.requiredText(name, 5);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(text, HOURS_MINUTES);
        } catch (DateTimeParseException e) {
            item.reject(item.field(name), "must be a time of day as HH:mm, 00:00 to 23:59");
            return null;
        }
    }

    private static ZoneId zone(JsonInput item) {
        String text = item.requiredText("timezone", 64);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            item.reject(item.field("timezone"), "must be a time zone such as Europe/Berlin or UTC");
            return null;
        }
    }

    /** Puts {@code mute} and {@code mute_except_levels} into {@code node}, each only when set. */
    public void writeTo(ObjectNode node) {
        if (!windows.isEmpty()) {
            ArrayNode mute = node.putArray("mute");
            for (MuteWindow window : windows) {
                ObjectNode item = mute.addObject();
                ArrayNode days = item.putArray("days");
                window.days().forEach(day -> days.add(day.name().substring(0, 3)));
                item.put("start", window.start().format(HOURS_MINUTES));
                item.put("end", window.end().format(HOURS_MINUTES));
                item.put("timezone", window.zone().getId());
            }
        }
        if (!exceptLevels.isEmpty()) {
            ArrayNode levels = node.putArray("mute_except_levels");
            EnumSet.copyOf(exceptLevels).forEach(level -> levels.add(level.apiName()));
        }
    }
}
