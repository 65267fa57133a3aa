package dev.herald.config;

import static dev.herald.support.Scenario.createWebhook;
import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.ApiClient;
import dev.herald.support.HeraldProcess;
import dev.herald.support.LoopbackReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The jar {@code mvn package} makes, started as the README says ({@code java -jar}) in a folder that
 * holds nothing of the repository, so the routes, application.properties and the console must come
 * from the jar; with nothing set but the port, so the database is H2 in {@code ./data} and the admin
 * password is made up. Run by {@code mvn verify} (failsafe), after the jar is packaged.
 */
class StandaloneJarIT {

    private static final Pattern GENERATED_PASSWORD = Pattern.compile("the admin password is (\\S+)");
    private static final Pattern RULE = Pattern.compile("={78}");
    private static final Pattern LOG_LINE = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} [A-Z]+ +herald \\[.+");
    private static final Pattern EVENTS_SUMMARY = Pattern.compile(".*http://0\\.0\\.0\\.0:\\d+/v2/events +\\(([A-Z,]+)\\).*");

    @Test
    void javaDashJarStartsHeraldFromAnyFolderAndItDelivers() {
        Path jar = Path.of(System.getProperty("herald.standalone-jar", "(herald.standalone-jar not set)"));
        assertThat(jar).as("the jar mvn package makes").isRegularFile();
        Path folder = HeraldProcess.folderFor(StandaloneJarIT.class);

        try (LoopbackReceiver receiver = new LoopbackReceiver();
             HeraldProcess herald = HeraldProcess.startJar("standalone", jar, folder,
                     Map.of("HERALD_CYCLE_TIMERS_NOTIFICATIONS", "0.1"))) {
            String password = await().atMost(Duration.ofSeconds(10))
                    .until(() -> generatedPassword(herald.log()), Optional::isPresent).orElseThrow();
            ApiClient admin = ApiClient.anonymous(herald.baseUrl()).withCredentials("admin", password);

            createWebhook(admin, Map.of("url", receiver.url("/standalone")), List.of(selector("account", "*", "*", "*")));
            String eventId = admin.post("/v2/events", event("user.image.analysis.completed", "info", "image_tag")).text("event_id");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(receiver.requestsTo("/standalone"))
                    .singleElement().satisfies(r -> assertThat(r.header("X-Herald-Event-Id")).isEqualTo(eventId)));
            assertThat(ApiClient.anonymous(herald.baseUrl()).get("/console/").status()).as("the console, from the jar").isEqualTo(200);
            assertThat(folder.resolve("data/herald.mv.db")).as("the default database, H2 in ./data").isRegularFile();

            herald.stop();
            List<String> log = herald.log();
            assertThat(log.stream().filter(line -> line.contains(password)))
                    .as("the generated password, shown once, in the block").singleElement().asString()
                    .startsWith("      the admin password is ");
            assertThat(outsideTheBlock(log)).as("every log line names the context").allMatch(line -> LOG_LINE.matcher(line).matches());
            assertThat(log).as("the start-up summary gives every method of a path").anySatisfy(line -> {
                Matcher summary = EVENTS_SUMMARY.matcher(line);
                assertThat(summary.matches()).isTrue();
                assertThat(summary.group(1).split(",")).containsExactlyInAnyOrder("GET", "POST", "DELETE");
            });
        }
    }

    private static Optional<String> generatedPassword(List<String> log) {
        return log.stream().map(GENERATED_PASSWORD::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst();
    }

    /** The console without the password block: the lines before its first rule and after its second. */
    private static List<String> outsideTheBlock(List<String> log) {
        int first = indexOfRule(log, 0);
        int second = indexOfRule(log, first + 1);
        assertThat(first).as("the block's rules").isNotNegative();
        assertThat(second).isGreaterThan(first);
        List<String> outside = new ArrayList<>(log.subList(0, first));
        outside.addAll(log.subList(second + 1, log.size()));
        outside.removeIf(String::isBlank);
        return outside;
    }

    private static int indexOfRule(List<String> log, int from) {
        for (int i = Math.max(from, 0); i < log.size(); i++) {
            if (RULE.matcher(log.get(i)).matches()) {
                return i;
            }
        }
        return -1;
    }
}
