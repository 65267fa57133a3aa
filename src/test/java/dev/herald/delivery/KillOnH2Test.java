package dev.herald.delivery;

import static dev.herald.support.Scenario.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.HeraldProcess;
import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default (DESIGN §2), killed: what Herald answered 200 for is in the H2 file. H2
 * writes commits to its file up to 500 ms late unless told otherwise, and a SIGKILL right after
 * the answers lost the events of that half second.
 */
class KillOnH2Test {

    private static final int POSTS = 40;

    @TempDir
    Path h2Folder;

    @Test
    void eventsAcceptedJustBeforeASigkillAreThereAfterTheRestart() {
        Path folder = HeraldProcess.folderFor(getClass());
        TestDatabase database = TestDatabase.h2(h2Folder);
        List<String> accepted = new ArrayList<>();
        try (HeraldProcess first = HeraldProcess.start("herald-1", database, folder, Map.of())) {
            ApiClient api = first.api();
            for (int i = 0; i < POSTS; i++) {
                ApiResponse stored = api.post("/v2/events", event("user.image.analysis.completed", "info", "image_digest"));
                assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
                accepted.add(stored.text("event_id"));
            }
            first.kill();
        }

        try (HeraldProcess second = HeraldProcess.start("herald-2", database, folder, Map.of())) {
            ApiClient api = second.api();
            List<String> lost = accepted.stream().filter(id -> api.get("/v2/events/" + id).status() != 200).toList();
            assertThat(lost).as("events answered 200, then missing after a SIGKILL and a restart").isEmpty();
        }
    }
}
