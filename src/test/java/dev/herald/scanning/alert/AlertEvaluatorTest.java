package dev.herald.scanning.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Alerts evaluated on events as the relay reads them from the table: details are JSON text, possibly not JSON at all. */
class AlertEvaluatorTest {

    private static final AlertEvaluator EVALUATOR = new AlertEvaluator(new ObjectMapper(), (account, image) -> List.of());
    private static final AlertMatcher ACME_IMAGES = AlertMatcher.compile(List.of(new Alert("a-1", "acme",
            new AlertSettings("acme", "", true, AlertType.REPOSITORY, "", List.of(new RepositoryPattern("docker.io", "acme/*", "*")),
                    Set.of(Trigger.ANALYSIS_UPDATE), false, List.of("c-1"), EchoedSysdigFields.NONE),
            Instant.EPOCH, Instant.EPOCH)), Map.of("c-1", "acme"));

    @Test
    void detailsAreReadFromTheirStoredText() {
        assertThat(EVALUATOR.channels(ACME_IMAGES, "acme", "user.image.analysis.completed", "quay.io/other/x:1",
                "{\"image\": {\"registry\": \"docker.io\", \"repository\": \"acme/api\", \"tag\": \"1.0\"}}"))
                .containsExactly(Map.entry("c-1", List.of(new FiredAlert("a-1", "acme"))));
    }

    @Test
    void detailsThatAreNotJsonLeaveTheResourceIdToNameTheImage() {
        assertThat(EVALUATOR.channels(ACME_IMAGES, "acme", "user.image.analysis.completed", "docker.io/acme/api:1.0",
                "not json {").keySet()).containsExactly("c-1");
        assertThat(EVALUATOR.channels(ACME_IMAGES, "acme", "user.image.analysis.completed", "docker.io/acme/api:1.0", null).keySet())
                .containsExactly("c-1");
    }

    @Test
    void eventsOfOtherTypesFireNothing() {
        assertThat(EVALUATOR.channels(ACME_IMAGES, "acme", "user.image.analysis.failed", "docker.io/acme/api:1.0", "{}"))
                .isEmpty();
    }
}
