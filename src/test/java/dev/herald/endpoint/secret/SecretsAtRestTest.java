package dev.herald.endpoint.secret;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.CapturedLog;
import dev.herald.support.EndpointPeers;
import dev.herald.support.HeraldInstance;
import dev.herald.support.Scenario;
import dev.herald.support.StoredSecrets;
import dev.herald.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets at rest on the real Main: what the database holds, the key check at start, plaintext
 * from before encryption, and the generated key file.
 */
class SecretsAtRestTest {

    private static final String OTHER_KEY = "b3RoZXIta2V5LW9mLXRoaXJ0eS10d28tYnl0ZXMuLi4=";

    static EndpointPeers peers;

    @BeforeAll
    static void startPeers() {
        peers = new EndpointPeers();
    }

    @AfterAll
    static void stopPeers() {
        peers.close();
    }

    @Test
    void theDatabaseHoldsNoSecretOfAnyTypeInPlaintextAndEveryTypeStillDelivers(@TempDir Path folder) {
        try (HeraldInstance herald = HeraldInstance.start(TestDatabase.h2(folder))) {
            Scenario scenario = new Scenario(herald);
            ApiClient account = scenario.newAccount();
            Map<String, String> uuids = new LinkedHashMap<>();
            for (String type : EndpointPeers.TYPES) {
                uuids.put(type, configure(account, type, peers.working(type, "at-rest")));
            }

            String eventId = scenario.post(account, event("user.image.analysis.failed", "error", "image_tag"));
            scenario.awaitSettled(eventId);

            assertThat(scenario.deliveriesOf(account, eventId)).hasSize(EndpointPeers.TYPES.size())
                    .allSatisfy(delivery -> assertThat(delivery.get("state").asText()).as(delivery.toString())
                            .isEqualTo("delivered"));
            Jdbi sql = herald.database().jdbi();
            List<String> rows = sql.withHandle(handle -> handle
                    .createQuery("SELECT settings FROM endpoint_configurations").mapTo(String.class).list());
            String column = String.join("\n", rows);
            uuids.forEach((type, uuid) -> {
                String secret = (String) peers.working(type, "at-rest").get(EndpointPeers.secretField(type));
                assertThat(column).as(type).doesNotContain(secret);
                assertThat(StoredSecrets.decrypted(sql, uuid, EndpointPeers.secretField(type))).as(type).isEqualTo(secret);
                JsonNode shown = account.get("/v2/notifications/endpoints/" + type + "/configurations/" + uuid).json();
                assertThat(shown.get(EndpointPeers.secretField(type)).asText()).as(type).endsWith("********");
            });
            assertThat(peers.receiver.requests()).filteredOn(request -> request.path().startsWith("/hooks/"))
                    .singleElement().satisfies(request -> assertThat(request.header("Authorization")).isEqualTo("Basic "
                            + base64(EndpointPeers.WEBHOOK_USER + ":s3cr3t-webhook-pass-at-rest")));
        }
    }

    @Test
    void aHeraldWithAnotherKeyRefusesToStartAndTheRightKeyStillReadsEverything(@TempDir Path folder) {
        TestDatabase database = TestDatabase.h2(folder);
        String uuid;
        ApiClient account;
        try (HeraldInstance first = HeraldInstance.start(database)) {
            account = new Scenario(first).newAccount();
            uuid = configure(account, "github", peers.working("github", "keys"));
        }

        Throwable refused;
        String log;
        try (CapturedLog captured = new CapturedLog()) {
            refused = catchThrowable(() -> HeraldInstance.start(database, Map.of("herald.secret-key", OTHER_KEY)));
            log = captured.text();
        }

        assertThat(messages(refused)).contains(
                "herald.secret-key does not match the key the stored secrets were encrypted with");
        assertThat(messages(refused) + log).doesNotContain(OTHER_KEY).doesNotContain(HeraldInstance.SECRET_KEY);
        try (HeraldInstance again = HeraldInstance.start(database)) {
            ApiClient same = again.api().actingAs(account.account());
            ApiResponse read = same.get("/v2/notifications/endpoints/github/configurations/" + uuid + "/test");
            assertThat(read.text("status")).as(read.toString()).isEqualTo("success");
        }
    }

    @Test
    void replicasOnOnePostgresDatabaseMustShareTheKey() {
        TestDatabase database = TestDatabase.postgres();
        try (HeraldInstance first = HeraldInstance.start(database)) {
            configure(new Scenario(first).newAccount(), "slack", peers.working("slack", "replicas"));

            Throwable refused = catchThrowable(() -> HeraldInstance.start(database, Map.of("herald.secret-key", OTHER_KEY)));
            assertThat(messages(refused)).contains("herald.secret-key does not match");

            try (HeraldInstance second = HeraldInstance.start(database)) {
                assertThat(second.api().get("/v2/notifications/endpoints").status()).isEqualTo(200);
            }
        }
    }

    @Test
    void aKeyThatIsNotBase64OfThirtyTwoBytesFailsTheStartNamingTheSettingButNotTheValue(@TempDir Path folder) {
        String sixteenBytes = base64("sixteen-byte-key");
        for (String wrong : List.of("s3cr3t key, not base64!", sixteenBytes)) {
            Throwable refused;
            String log;
            try (CapturedLog captured = new CapturedLog()) {
                refused = catchThrowable(() -> HeraldInstance.start(TestDatabase.h2(folder), Map.of("herald.secret-key", wrong)));
                log = captured.text();
            }
            assertThat(messages(refused)).contains("herald.secret-key", "base64 of 32 random bytes");
            assertThat(messages(refused) + log).doesNotContain(wrong);
        }
    }

    @Test
    void secretsStoredInPlaintextBeforeAreEncryptedAtStartAndStillDeliver(@TempDir Path folder) {
        TestDatabase database = TestDatabase.h2(folder);
        HeraldInstance.start(database).close();
        Jdbi sql = database.jdbi();
        String account = "legacy";
        String webhookUrl = peers.receiver.url("/legacy/whk-s3cr3t-legacy?token=s3cr3t-legacy-query");
        String slackUrl = peers.receiver.url("/services/T0LEGACY/B0LEGACY/s3cr3tLegacySlackToken");
        sql.useTransaction(handle -> {
            handle.execute("INSERT INTO accounts (name) VALUES (?)", account);
            insertPlaintext(handle, "legacy-webhook", account, "webhook",
                    "{\"url\":\"" + webhookUrl + "\",\"username\":\"legacy\",\"password\":\"s3cr3t-legacy-pass\"}");
            insertPlaintext(handle, "legacy-slack", account, "slack", "{\"url\":\"" + slackUrl + "\"}");
        });

        try (HeraldInstance herald = HeraldInstance.start(database)) {
            assertThat(StoredSecrets.settingsColumn(sql, "legacy-webhook")).doesNotContain("s3cr3t-legacy-pass")
                    .contains(webhookUrl);
            assertThat(StoredSecrets.settingsColumn(sql, "legacy-slack")).doesNotContain("s3cr3tLegacySlackToken");
            assertThat(StoredSecrets.decrypted(sql, "legacy-webhook", "password")).isEqualTo("s3cr3t-legacy-pass");
            assertThat(StoredSecrets.decrypted(sql, "legacy-slack", "url")).isEqualTo(slackUrl);

            // a row inserted in plaintext while Herald runs (as a host without the REST API does) is read as it is
            String liveUrl = peers.receiver.url("/legacy/live");
            sql.useTransaction(handle -> {
                insertPlaintext(handle, "legacy-live", account, "webhook",
                        "{\"url\":\"" + liveUrl + "\",\"username\":\"live\",\"password\":\"s3cr3t-live-pass\"}");
                handle.execute("UPDATE configuration_version SET version = version + 1");
            });

            Scenario scenario = new Scenario(herald);
            String eventId = scenario.post(herald.api().actingAs(account), event("user.image.analysis.failed", "error", "image_tag"));
            scenario.awaitSettled(eventId);

            assertThat(scenario.deliveriesOf(herald.api().actingAs(account), eventId)).hasSize(3)
                    .allSatisfy(delivery -> assertThat(delivery.get("state").asText()).isEqualTo("delivered"));
            assertThat(peers.receiver.requestsTo("/legacy/whk-s3cr3t-legacy")).singleElement().satisfies(request ->
                    assertThat(request.header("Authorization")).isEqualTo("Basic " + base64("legacy:s3cr3t-legacy-pass")));
            assertThat(peers.receiver.requestsTo("/legacy/live")).singleElement().satisfies(request ->
                    assertThat(request.header("Authorization")).isEqualTo("Basic " + base64("live:s3cr3t-live-pass")));
            assertThat(peers.receiver.requestsTo("/services/T0LEGACY/B0LEGACY/s3cr3tLegacySlackToken")).hasSize(1);
        }
    }

    @Test
    void withoutAKeyHeraldGeneratesOneIntoItsDataDirectoryAndKeepsUsingIt(@TempDir Path folder) throws Exception {
        TestDatabase database = TestDatabase.h2(folder.resolve("db"));
        Path dataDirectory = folder.resolve("data");
        Map<String, String> noKey = Map.of("herald.secret-key", "", "herald.data-directory", dataDirectory.toString());
        String uuid;
        ApiClient account;
        try (HeraldInstance first = HeraldInstance.start(database, noKey)) {
            account = new Scenario(first).newAccount();
            uuid = configure(account, "teams", peers.working("teams", "generated"));
        }
        Path keyFile = dataDirectory.resolve("secret.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        String generated = Files.readString(keyFile).strip();

        try (HeraldInstance again = HeraldInstance.start(database, noKey)) {
            assertThat(again.api().actingAs(account.account())
                    .get("/v2/notifications/endpoints/teams/configurations/" + uuid + "/test").text("status")).isEqualTo("success");
        }
        assertThat(Files.readString(keyFile).strip()).isEqualTo(generated);
        // the file's key is what replicas are then given as herald.secret-key
        try (HeraldInstance replica = HeraldInstance.start(database, Map.of("herald.secret-key", generated))) {
            assertThat(replica.api().actingAs(account.account())
                    .get("/v2/notifications/endpoints/teams/configurations/" + uuid).status()).isEqualTo(200);
        }
    }

    private static String configure(ApiClient account, String type, Map<String, Object> body) {
        ApiResponse created = account.post("/v2/notifications/endpoints/" + type + "/configurations", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String uuid = created.text("uuid");
        ApiResponse selected = account.post("/v2/notifications/endpoints/" + type + "/configurations/" + uuid + "/selectors",
                selector("account", "*", "*", "*"));
        assertThat(selected.status()).as(selected.toString()).isEqualTo(200);
        return uuid;
    }

    private static void insertPlaintext(org.jdbi.v3.core.Handle handle, String uuid, String account, String type,
            String settings) {
        handle.execute("INSERT INTO endpoint_configurations (uuid, account_name, endpoint_type, settings, created_at, "
                + "last_updated) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", uuid, account, type, settings);
        handle.execute("INSERT INTO selectors (uuid, configuration_uuid, scope, event_level, event_type, "
                + "event_resource_type, created_at) VALUES (?, ?, 'account', '*', '*', '*', CURRENT_TIMESTAMP)",
                uuid + "-selector", uuid);
    }

    /** Every message of the chain, to find the reason a start failed wherever Camel wrapped it. */
    private static String messages(Throwable error) {
        assertThat(error).as("the start failed").isNotNull();
        List<String> messages = new ArrayList<>();
        for (Throwable link = error; link != null; link = link.getCause()) {
            messages.add(String.valueOf(link.getMessage()));
        }
        return String.join("\n", messages);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
