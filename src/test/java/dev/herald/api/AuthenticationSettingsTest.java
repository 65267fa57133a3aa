package dev.herald.api;

import static dev.herald.support.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.ApiClient;
import dev.herald.support.HeraldInstance;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** herald.admin.password and herald.require-auth, each on a Herald of its own. */
class AuthenticationSettingsTest {

    private static final Pattern PRINTED = Pattern.compile("the admin password is (\\S+)");

    @TempDir
    Path folder;

    @Test
    void withoutAPasswordTheFirstStartPrintsAGeneratedOneOnceAndItLasts() {
        TestDatabase database = TestDatabase.h2(folder);
        Map<String, String> noPassword = Map.of("herald.admin.password", "");

        String firstOutput = console(() -> HeraldInstance.start(database, noPassword), herald -> { });
        Matcher printed = PRINTED.matcher(firstOutput);
        assertThat(printed.find()).as("printed at first start: " + firstOutput).isTrue();
        String generated = printed.group(1);

        String secondOutput = console(() -> HeraldInstance.start(database, noPassword), herald -> {
            assertThat(admin(herald, generated).get("/v2/accounts").status()).isEqualTo(200);
            assertError(admin(herald, "guess").get("/v2/accounts"), 401, "Unauthorized");
        });
        assertThat(secondOutput).as("printed only once").doesNotContain("admin password is");

        console(() -> HeraldInstance.start(database, Map.of("herald.admin.password", "chosen by the operator")), herald -> {
            assertThat(admin(herald, "chosen by the operator").get("/v2/accounts").status()).isEqualTo(200);
            assertError(admin(herald, generated).get("/v2/accounts"), 401, "Unauthorized");
        });
        assertThat(scanForPassword(database, generated)).as("only a hash is stored").isFalse();
    }

    @Test
    void withoutRequiredAuthARequestWithoutCredentialsActsAsTheAdminButCredentialsStillCount() {
        try (HeraldInstance herald = HeraldInstance.start(TestDatabase.h2(folder), Map.of("herald.require-auth", "false"))) {
            ApiClient anonymous = ApiClient.anonymous(herald.baseUrl());
            assertThat(anonymous.get("/v2/accounts").status()).isEqualTo(200);
            assertThat(anonymous.put("/v2/notifications/endpoints/webhook", Map.of("enabled", true)).status()).isEqualTo(200);

            Scenario scenario = new Scenario(herald);
            ApiClient reader = scenario.newUser(scenario.newAccount().account(), "read-only");
            assertError(reader.post("/v2/events", Scenario.event("system.test.random_wisdom", "info", "wisdom")),
                    403, "AccessDenied");
            assertError(anonymous.withCredentials(reader.username(), "wrong").get("/v2/events"), 401, "Unauthorized");
        }
    }

    private static ApiClient admin(HeraldInstance herald, String password) {
        return ApiClient.anonymous(herald.baseUrl()).withCredentials("admin", password);
    }

    /** Runs a Herald, with the console captured while it starts, and stops it. */
    private static String console(Supplier<HeraldInstance> start, java.util.function.Consumer<HeraldInstance> use) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        HeraldInstance herald;
        try {
            herald = start.get();
        } finally {
            System.setOut(original);
        }
        try (herald) {
            use.accept(herald);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static boolean scanForPassword(TestDatabase database, String password) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users WHERE password_hash LIKE :p")
                .bind("p", "%" + password + "%").mapTo(Integer.class).one()) > 0;
    }
}
