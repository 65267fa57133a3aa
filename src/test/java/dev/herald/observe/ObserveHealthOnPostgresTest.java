package dev.herald.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.DatabaseOutage;
import dev.herald.support.HeraldInstance;
import dev.herald.support.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /observe/health on PostgreSQL: UP without API credentials, DOWN while the database refuses
 * connections (its readiness; liveness stays UP), UP again when the database is back.
 */
class ObserveHealthOnPostgresTest {

    static HeraldInstance herald;
    static DatabaseOutage outage;
    static ApiClient anonymous;

    @BeforeAll
    static void start() {
        TestDatabase database = TestDatabase.postgres();
        outage = new DatabaseOutage(database);
        herald = HeraldInstance.start(database);
        anonymous = ApiClient.anonymous(herald.baseUrl());
    }

    @AfterAll
    static void stop() {
        outage.end();
        herald.close();
    }

    @Test
    void healthFollowsTheDatabase() {
        ApiResponse up = anonymous.get("/observe/health?exposureLevel=full");
        assertThat(up.status()).as(up.toString()).isEqualTo(200);
        assertThat(up.text("status")).isEqualTo("UP");
        assertThat(check(up, "database").get("status").asText()).isEqualTo("UP");
        assertThat(check(up, "context").get("status").asText()).isEqualTo("UP");

        outage.begin();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ApiResponse down = anonymous.get("/observe/health");
            assertThat(down.status()).as(down.toString()).isEqualTo(503);
            assertThat(down.text("status")).isEqualTo("DOWN");
            assertThat(check(down, "database").get("message").asText()).startsWith("the database");
        });
        assertThat(anonymous.get("/observe/health/ready").status()).isEqualTo(503);
        assertThat(anonymous.get("/observe/health/live").status()).isEqualTo(200);
        // the backlog gauges keep their last values rather than hold the scrape up
        long scrapeStart = System.nanoTime();
        assertThat(anonymous.get("/observe/metrics").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - scrapeStart)).isLessThan(Duration.ofSeconds(5));

        outage.end();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            ApiResponse again = anonymous.get("/observe/health");
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            assertThat(again.text("status")).isEqualTo("UP");
        });
    }

    private static JsonNode check(ApiResponse health, String name) {
        for (JsonNode check : health.json().get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }
}
