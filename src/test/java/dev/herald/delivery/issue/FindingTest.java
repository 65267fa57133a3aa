package dev.herald.delivery.issue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.herald.event.Event;
import dev.herald.event.EventLevel;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A finding is (account, event type, resource id): its key and label are the same for every repeat, and only for them. */
class FindingTest {

    @Test
    void theKeyIsTwelveHexCharactersAndTheLabelCarriesIt() {
        Finding finding = Finding.of(event("acme", "user.image.analysis.failed", "docker.io/acme/api:1.4", "first"));

        assertThat(finding.key()).matches("[0-9a-f]{12}");
        assertThat(finding.label()).isEqualTo("herald-" + finding.key());
    }

    @Test
    void repeatsShareTheKeyWhateverElseTheySay() {
        Finding first = Finding.of(event("acme", "user.image.analysis.failed", "docker.io/acme/api:1.4", "first"));
        Finding repeat = Finding.of(event("acme", "user.image.analysis.failed", "docker.io/acme/api:1.4", "second"));

        assertThat(repeat).isEqualTo(first);
    }

    @Test
    void theKeyIsStableAcrossReleases() {
        // stored in finding_issues and in labels on issues: a change would orphan every open issue
        assertThat(Finding.of(event("acme", "user.image.analysis.failed", "docker.io/acme/api:1.4", "any")).key())
                .isEqualTo("4a457ee4c73d");
    }

    @Test
    void eachPartOfTheFindingChangesTheKey() {
        Finding finding = Finding.of(event("acme", "user.image.analysis.failed", "docker.io/acme/api:1.4", "x"));

        assertThat(Finding.of(event("other", "user.image.analysis.failed", "docker.io/acme/api:1.4", "x"))).isNotEqualTo(finding);
        assertThat(Finding.of(event("acme", "user.image.analysis.completed", "docker.io/acme/api:1.4", "x"))).isNotEqualTo(finding);
        assertThat(Finding.of(event("acme", "user.image.analysis.failed", "docker.io/acme/api:1.5", "x"))).isNotEqualTo(finding);
        assertThat(Finding.of(event("acme", "user.image.analysis.failed", null, "x"))).isNotEqualTo(finding);
    }

    @Test
    void partsDoNotRunIntoEachOther() {
        assertThat(Finding.of(event("ac", "me.x", "r", "x"))).isNotEqualTo(Finding.of(event("acme", ".x", "r", "x")));
    }

    private static Event event(String account, String type, String resourceId, String message) {
        return new Event(1, "e1", type, EventLevel.ERROR, message, JsonNodeFactory.instance.objectNode(), Instant.EPOCH,
                new Event.Resource(account, "image_tag", resourceId), new Event.Source("scanner", null, null, null),
                Instant.EPOCH);
    }
}
