package dev.herald.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which raw paths are refused before routing, and which ordinary ones are not. */
class UnsafePathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/v2/accounts/x/users/..", "/v2/accounts/x/users/%2e%2e", "/v2/events/1/%2E.", "/v2/events/1/.%2e",
            "/v2/./events", "/v2/events/%2E", "/v2/events/a%2fb", "/v2/events/a%2F..", "/v2/events/a%5Cb", "/v2/events/a\\b",
            "/v2/events/a%00", "/v2/events/a%0a", "/v2/events/a;x=1", "/v2/events/a%2", "/v2/events/a%g0"})
    void aPathThatCouldNameSomethingElseIsRefused(String path) {
        assertThat(UnsafePaths.problem(path)).as(path).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/events", "/v2/events/", "/v2/events/5f0c-2a", "/v2/accounts/acme.prod/users/j.doe",
            "/v2/events/%41bc", "/v2/events/%C3%A9t%C3%A9", "/v2/events/a..b", "/v2/events/...", "/api/scanning/v1/alerts/7"})
    void anOrdinaryPathPasses(String path) {
        assertThat(UnsafePaths.problem(path)).as(path).isEmpty();
    }
}
