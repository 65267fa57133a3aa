package dev.herald.endpoint.quiet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.event.EventLevel;
import dev.herald.validation.FieldError;
import dev.herald.validation.InvalidInputException;
import dev.herald.validation.JsonInput;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quiet-hours windows: inside or not, and when they end, across midnight and on daylight-saving days. */
class QuietHoursTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each row: a window, a moment (UTC), and the end the moment waits for ("-" when it goes at once). */
    @ParameterizedTest(name = "{0} {1}-{2} {3} at {4} -> {5}")
    @CsvSource(delimiter = '|', textBlock = """
            # an ordinary weekday evening in Berlin (CET, UTC+1)
            MON,TUE,WED,THU,FRI | 18:00 | 20:00 | Europe/Berlin | 2026-03-02T16:59:59Z | -
            MON,TUE,WED,THU,FRI | 18:00 | 20:00 | Europe/Berlin | 2026-03-02T17:00:00Z | 2026-03-02T19:00:00Z
            MON,TUE,WED,THU,FRI | 18:00 | 20:00 | Europe/Berlin | 2026-03-02T18:59:59Z | 2026-03-02T19:00:00Z
            MON,TUE,WED,THU,FRI | 18:00 | 20:00 | Europe/Berlin | 2026-03-02T19:00:00Z | -
            # not on a day it does not name (2026-03-07 is a Saturday)
            MON,TUE,WED,THU,FRI | 18:00 | 20:00 | Europe/Berlin | 2026-03-07T17:30:00Z | -
            # crossing midnight: the day named is the day it starts; Friday night runs into Saturday
            FRI                 | 22:00 | 07:00 | UTC           | 2026-03-06T23:00:00Z | 2026-03-07T07:00:00Z
            FRI                 | 22:00 | 07:00 | UTC           | 2026-03-07T06:59:00Z | 2026-03-07T07:00:00Z
            FRI                 | 22:00 | 07:00 | UTC           | 2026-03-07T22:30:00Z | -
            FRI                 | 22:00 | 07:00 | UTC           | 2026-03-06T03:00:00Z | -
            # spring forward, Berlin 2026-03-29: 02:00 CET becomes 03:00 CEST
            # 01:00-04:00 lasts two hours that night: 00:00Z to 02:00Z
            SUN                 | 01:00 | 04:00 | Europe/Berlin | 2026-03-28T23:59:00Z | -
            SUN                 | 01:00 | 04:00 | Europe/Berlin | 2026-03-29T00:00:00Z | 2026-03-29T02:00:00Z
            SUN                 | 01:00 | 04:00 | Europe/Berlin | 2026-03-29T01:59:00Z | 2026-03-29T02:00:00Z
            # a start in the skipped hour moves forward by the gap: 02:30 is 03:30 CEST (01:30Z)
            SUN                 | 02:30 | 05:00 | Europe/Berlin | 2026-03-29T01:00:00Z | -
            SUN                 | 02:30 | 05:00 | Europe/Berlin | 2026-03-29T01:30:00Z | 2026-03-29T03:00:00Z
            # the week after, the same window is in CEST throughout: 00:30Z to 03:00Z
            SUN                 | 02:30 | 05:00 | Europe/Berlin | 2026-04-05T00:30:00Z | 2026-04-05T03:00:00Z
            # fall back, Berlin 2026-10-25: 03:00 CEST becomes 02:00 CET
            # 01:00-04:00 lasts four hours that night: 23:00Z to 03:00Z
            SUN                 | 01:00 | 04:00 | Europe/Berlin | 2026-10-24T23:00:00Z | 2026-10-25T03:00:00Z
            SUN                 | 01:00 | 04:00 | Europe/Berlin | 2026-10-25T02:59:00Z | 2026-10-25T03:00:00Z
            SUN                 | 01:00 | 04:00 | Europe/Berlin | 2026-10-25T03:00:00Z | -
            # a time in the repeated hour takes the earlier offset: 02:30 is 02:30 CEST (00:30Z)
            SUN                 | 02:30 | 06:00 | Europe/Berlin | 2026-10-25T00:30:00Z | 2026-10-25T05:00:00Z
            SUN                 | 02:30 | 06:00 | Europe/Berlin | 2026-10-25T00:29:00Z | -
            # an overnight window across the fall-back: Saturday 22:00 CEST to Sunday 07:00 CET, ten hours
            SAT                 | 22:00 | 07:00 | Europe/Berlin | 2026-10-24T20:00:00Z | 2026-10-25T06:00:00Z
            """)
    void aWindowHoldsWhatFallsInsideItUntilItsEnd(String days, String start, String end, String zone, String at,
            String waitsUntil) {
        QuietHours quietHours = quietHours(window(days, start, end, zone));

        assertThat(quietHours.holdsUntil(Instant.parse(at), EventLevel.INFO).map(Instant::toString).orElse("-"))
                .isEqualTo(waitsUntil);
    }

    @Test
    void windowsThatFollowOnHoldUntilTheLastEnds() {
        QuietHours quietHours = quietHours(window("MON", "20:00", "23:00", "UTC"), window("MON", "23:00", "06:00", "UTC"));

        assertThat(quietHours.holdsUntil(Instant.parse("2026-03-02T21:00:00Z"), EventLevel.INFO))
                .contains(Instant.parse("2026-03-03T06:00:00Z"));
    }

    @Test
    void anExceptedLevelGoesThrough() {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("mute").add(window("MON", "00:00", "23:59", "UTC"));
        body.putArray("mute_except_levels").add("error");
        QuietHours quietHours = read(body);
        Instant monday = Instant.parse("2026-03-02T12:00:00Z");

        assertThat(quietHours.holdsUntil(monday, EventLevel.ERROR)).isEmpty();
        assertThat(quietHours.holdsUntil(monday, EventLevel.INFO)).contains(Instant.parse("2026-03-02T23:59:00Z"));
    }

    @Test
    void noWindowsHoldNothing() {
        assertThat(read(JSON.createObjectNode())).isEqualTo(QuietHours.NONE);
        assertThat(QuietHours.NONE.holdsUntil(Instant.parse("2026-03-02T12:00:00Z"), EventLevel.INFO)).isEmpty();
    }

    @Test
    void readsBackWhatItWrites() {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("mute").add(window("sat,Sunday", "22:00", "07:00", "Europe/Berlin"));
        body.putArray("mute_except_levels").add("ERROR");
        ObjectNode written = JSON.createObjectNode();
        read(body).writeTo(written);

        assertThat(written.toString()).isEqualTo("{\"mute\":[{\"days\":[\"SAT\",\"SUN\"],\"start\":\"22:00\","
                + "\"end\":\"07:00\",\"timezone\":\"Europe/Berlin\"}],\"mute_except_levels\":[\"error\"]}");
        assertThat(read(written)).isEqualTo(read(body));
    }

    @Test
    void refusesBadInputNamingTheField() {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("mute")
                .add(window("MON", "22:00", "07:00", "Mars/Olympus"))
                .add(window("MON", "7:00", "24:00", "UTC"))
                .add(window("MON", "08:00", "08:00", "UTC"))
                .add(window("MOONDAY", "08:00", "09:00", "UTC"));
        body.putArray("mute_except_levels").add("warning");
        JsonInput input = JsonInput.ofObject(body, "");
        QuietHours.read(input);

        assertThatThrownBy(input::throwIfInvalid).isInstanceOfSatisfying(InvalidInputException.class,
                refused -> assertThat(refused.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                        "mute[0].timezone", "mute[1].start", "mute[1].end", "mute[2].end", "mute[3].days[0]",
                        "mute_except_levels[0]"));
    }

    private static ObjectNode window(String days, String start, String end, String zone) {
        ObjectNode window = JSON.createObjectNode();
        for (String day : days.split(",")) {
            window.withArray("days").add(day.trim());
        }
        return window.put("start", start).put("end", end).put("timezone", zone);
    }

    private static QuietHours quietHours(ObjectNode... windows) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("mute").addAll(List.of(windows));
        return read(body);
    }

    private static QuietHours read(ObjectNode body) {
        JsonInput input = JsonInput.ofObject(body, "");
        QuietHours quietHours = QuietHours.read(input);
        input.throwIfInvalid();
        return quietHours;
    }
}
