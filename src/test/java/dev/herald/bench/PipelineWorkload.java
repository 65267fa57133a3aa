package dev.herald.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.IntFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * What the pipeline benchmark stores and sends, designed so every event makes exactly
 * {@link #FAN_OUT} notifications whatever the number of configurations:
 * <ul>
 * <li>{@code accounts} = min(100, configurations / 2) accounts {@code bench-00}…, each with
 * {@code perAccount} = configurations / accounts webhook configurations (configuration {@code i}
 * belongs to account {@code i % accounts}, slot {@code i / accounts}), each posting to its own
 * path {@code /hook/<i>} on its receiver;</li>
 * <li>slots are paired into topics ({@code topic = slot / 2}); each configuration has two
 * selectors on its topic, one wildcard and one exact, both matching the topic's events (so the
 * matcher also merges two selectors of one configuration into one delivery):
 * {@code account,*,user.bench.t<topic>.*,*} and
 * {@code account,info,user.bench.t<topic>.vulnerabilities.update,image_tag};</li>
 * <li>event {@code j} belongs to account {@code j % accounts}, topic {@code (j / accounts) % topics},
 * type {@code user.bench.t<topic>.vulnerabilities.update}, level info, resource image_tag, and a
 * vulnerability diff in its details: it matches the two configurations of its topic in its account
 * and nothing else.</li>
 * </ul>
 * Configurations, selectors and events are written straight to the database, as a migration
 * tool or a scanner writing into the events table would.
 */
record PipelineWorkload(int configurations, int accounts, int perAccount) {

    static final int FAN_OUT = 2;
    /** The signing secret of every configuration in a signed run: a fixed 32-byte key, as Herald generates. */
    static final String SIGNING_SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "herald-pipeline-benchmark-secret".getBytes(StandardCharsets.US_ASCII));
    static final int MAX_ACCOUNTS = 100;
    private static final String MESSAGE = "Vulnerability update detected for tagged image";
    private static final String DIFF = "{\"diff_vulnerability_result\":{\"added\":[{\"vuln\":\"CVE-2024-6119\","
            + "\"severity\":\"High\",\"package\":\"openssl-3.0.13\",\"fix\":\"3.0.15\"},{\"vuln\":\"CVE-2024-45490\","
            + "\"severity\":\"Critical\",\"package\":\"expat-2.6.2\",\"fix\":\"2.6.3\"}],\"updated\":[],\"removed\":"
            + "[{\"vuln\":\"CVE-2023-5678\",\"severity\":\"Medium\",\"package\":\"openssl-3.0.13\",\"fix\":\"3.0.13\"}]}";

    static PipelineWorkload of(int configurations) {
        int accounts = Math.min(MAX_ACCOUNTS, configurations / FAN_OUT);
        if (accounts < 1 || configurations % (accounts * FAN_OUT) != 0) {
            throw new IllegalArgumentException("configurations must be a multiple of " + FAN_OUT * MAX_ACCOUNTS
                    + ", or an even number up to that; not " + configurations);
        }
        return new PipelineWorkload(configurations, accounts, configurations / accounts);
    }

    int topics() {
        return perAccount / FAN_OUT;
    }

    int selectors() {
        return configurations * 2;
    }

    private static String account(int index) {
        return String.format("bench-%02d", index);
    }

    private static String type(int topic) {
        return "user.bench.t" + topic + ".vulnerabilities.update";
    }

    /** The configuration of this account's slot. */
    int configuration(int account, int slot) {
        return slot * accounts + account;
    }

    private int accountOf(long event) {
        return (int) (event % accounts);
    }

    private int topicOf(long event) {
        return (int) ((event / accounts) % topics());
    }

    /** The {@link #FAN_OUT} configurations event {@code j} matches: its topic's two in its account. */
    int[] configurationsOf(long event) {
        int account = accountOf(event);
        int topic = topicOf(event);
        return new int[] {configuration(account, topic * FAN_OUT), configuration(account, topic * FAN_OUT + 1)};
    }

    /**
     * Accounts, configurations and their selectors, in one transaction that bumps the configuration
     * version; configuration {@code i} posts to {@code url.apply(i)}, signing every request with
     * {@code signingSecret} (null: unsigned). The secret is stored in plaintext, which Herald reads
     * as it reads a row from before it encrypted secrets.
     */
    void store(Jdbi sql, IntFunction<String> url, String signingSecret) {
        String signing = signingSecret == null ? "" : ",\"signing_secret\":\"" + signingSecret + "\"";
        sql.useTransaction(handle -> {
            PreparedBatch accountRows = handle.prepareBatch("INSERT INTO accounts (name) VALUES (:name)");
            for (int a = 0; a < accounts; a++) {
                accountRows.bind("name", account(a)).add();
            }
            accountRows.execute();
            PreparedBatch rows = handle.prepareBatch("INSERT INTO endpoint_configurations (uuid, account_name, "
                    + "endpoint_type, settings, created_at, last_updated) VALUES (:uuid, :account, 'webhook', :settings, "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            PreparedBatch selectorRows = handle.prepareBatch("INSERT INTO selectors (uuid, configuration_uuid, scope, "
                    + "event_level, event_type, event_resource_type, created_at) VALUES (:uuid, :configuration, 'account', "
                    + ":level, :type, :resource, CURRENT_TIMESTAMP)");
            for (int i = 0; i < configurations; i++) {
                String uuid = "bench-config-" + i;
                int topic = (i / accounts) / FAN_OUT;
                rows.bind("uuid", uuid).bind("account", account(i % accounts))
                        .bind("settings", "{\"url\":\"" + url.apply(i) + "\"" + signing + "}").add();
                selectorRows.bind("uuid", uuid + "-wildcard").bind("configuration", uuid).bind("level", "*")
                        .bind("type", "user.bench.t" + topic + ".*").bind("resource", "*").add();
                selectorRows.bind("uuid", uuid + "-exact").bind("configuration", uuid).bind("level", "info")
                        .bind("type", type(topic)).bind("resource", "image_tag").add();
            }
            rows.execute();
            selectorRows.execute();
            handle.execute("UPDATE configuration_version SET version = version + 1");
        });
    }

    /**
     * Event {@code j} as a producer posts it to {@code POST /v2/events} (Anchore's shape), the same
     * event {@link #insertEvents} writes into the table.
     */
    String eventJson(long j) {
        return "{\"type\":\"" + type(topicOf(j)) + "\",\"level\":\"info\",\"message\":\"" + MESSAGE + "\",\"details\":"
                + DIFF + "},\"resource\":{\"account_name\":\"" + account(accountOf(j)) + "\",\"type\":\"image_tag\","
                + "\"id\":\"" + resource(j) + "\"},\"source\":{\"service_name\":\"bench-scanner\",\"host_id\":\"bench\"}}";
    }

    private static String resource(long j) {
        return "docker.io/bench/app-" + j + ":1.0";
    }

    /**
     * Inserts events {@code first} to {@code first + count - 1} in the caller's transaction; each
     * carries {@code insertedNanos} in its details (0: none, no latency is taken).
     */
    void insertEvents(Handle handle, long first, int count, long insertedNanos) {
        PreparedBatch batch = handle.prepareBatch("INSERT INTO events (account_name, event_type, event_level, message, "
                + "details, resource_type, resource_id, source_service_name, source_host_id) VALUES (:account, :type, "
                + "'info', '" + MESSAGE + "', :details, 'image_tag', :resource, "
                + "'bench-scanner', 'bench')");
        String details = DIFF + (insertedNanos == 0 ? "}" : ",\"" + CountingReceiver.SENT_KEY + "\":" + insertedNanos + "}");
        for (long j = first; j < first + count; j++) {
            batch.bind("account", account(accountOf(j))).bind("type", type(topicOf(j))).bind("details", details)
                    .bind("resource", resource(j)).add();
        }
        batch.execute();
    }
}
