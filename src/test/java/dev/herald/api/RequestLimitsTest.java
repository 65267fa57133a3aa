package dev.herald.api;

import static dev.herald.support.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.ApiTestBase;
import dev.herald.support.CapturedLog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The request size limit ({@code herald.api.max-body-size}, 1 MiB by default): a larger body is
 * answered 413 in the API's error shape, whether it declares its length or comes in chunks, and
 * whether Herald's own check or the server's backstop (a little above) refuses it.
 */
class RequestLimitsTest extends ApiTestBase {

    private static final int LIMIT = 1024 * 1024;
    private static final String EVENTS = "/v2/events";

    /** A valid event padded with white space to exactly {@code size} bytes. */
    private static byte[] eventOfSize(int size) {
        String event = "{\"type\":\"user.image.analysis.completed\",\"level\":\"info\"";
        return (event + " ".repeat(size - event.length() - 1) + "}").getBytes(StandardCharsets.UTF_8);
    }

    static Stream<Arguments> oversizedBodies() {
        return Stream.of(
                Arguments.of("2 MiB with a Content-Length", 2 * LIMIT, false),
                Arguments.of("2 MiB in chunks", 2 * LIMIT, true),
                Arguments.of("1 MiB and 1 KiB with a Content-Length", LIMIT + 1024, false),
                Arguments.of("1 MiB and 1 KiB in chunks", LIMIT + 1024, true),
                Arguments.of("one byte over, in chunks", LIMIT + 1, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversizedBodies")
    void aBodyOverTheLimitIsRefusedWith413NamingTheBody(String description, int size, boolean chunked) {
        ApiClient acme = scenario.newAccount();
        byte[] body = eventOfSize(size);

        ApiResponse refused = chunked
                ? acme.sendChunked("POST", EVENTS, body, "application/json")
                : acme.send("POST", EVENTS, new String(body, StandardCharsets.UTF_8), "application/json");

        assertError(refused, 413, "PayloadTooLarge");
        assertThat(refused.text("message")).contains("body").contains(Integer.toString(LIMIT));
        assertThat(acme.get(EVENTS).json().get("item_count").asInt()).as("nothing stored").isZero();
    }

    @Test
    void aBodyOfExactlyTheLimitIsAccepted() {
        ApiClient acme = scenario.newAccount();

        byte[] body = eventOfSize(LIMIT);

        ApiResponse chunked = acme.sendChunked("POST", EVENTS, body, "application/json");
        ApiResponse withLength = acme.send("POST", EVENTS, new String(body, StandardCharsets.UTF_8), "application/json");

        assertThat(chunked.status()).as(chunked.toString()).isEqualTo(200);
        assertThat(withLength.status()).as(withLength.toString()).isEqualTo(200);
        assertThat(acme.get(EVENTS).json().get("item_count").asInt()).isEqualTo(2);
    }

    /** So a larger body is refused while it arrives, never buffered whole; the 2 MiB bodies above met this limit. */
    @Test
    void theServerItselfRefusesBodiesALittleOverTheLimit() {
        assertThat(herald.context().hasService(MainHttpServer.class).getMaxBodySize()).isEqualTo(LIMIT + 64 * 1024L);
    }

    @Test
    void theSizeIsCheckedBeforeTheCredentials() {
        ApiClient stranger = ApiClient.anonymous(herald.baseUrl());

        assertError(stranger.sendChunked("POST", EVENTS, eventOfSize(2 * LIMIT), "application/json"), 413,
                "PayloadTooLarge");
        assertError(stranger.send("POST", EVENTS, "{}", "application/json"), 401, "Unauthorized");
    }

    @Test
    void jsonNestedDeeperThanTheParserAllowsIsABadRequest() {
        ApiClient acme = scenario.newAccount();
        String nested = "{\"type\":\"user.image.analysis.completed\",\"level\":\"info\",\"details\":"
                + "{\"a\":".repeat(5000) + "1" + "}".repeat(5000) + "}";

        assertError(acme.send("POST", EVENTS, nested, "application/json"), 400, "BadRequest");
    }

    /** A client that gives up on a refused body and resets the connection has done nothing wrong to Herald. */
    @Test
    void aClientHangingUpWhileItsBodyIsRefusedIsLoggedAtDebugWithoutAStackTrace() throws IOException {
        try (CapturedLog log = new CapturedLog()) {
            try (Socket socket = new Socket("localhost", herald.port())) {
                socket.setSoLinger(true, 0);
                OutputStream out = socket.getOutputStream();
                byte[] body = eventOfSize(LIMIT + 1024);
                out.write(("POST " + EVENTS + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            } catch (SocketException refusedWhileSending) {
                // the server may close first, having answered 413: the reset below still follows
            }

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(log.text()).contains("the client closed the connection"));
            assertThat(log.text()).doesNotContain("Unhandled exception").doesNotContain("\tat ");
        }
    }
}
