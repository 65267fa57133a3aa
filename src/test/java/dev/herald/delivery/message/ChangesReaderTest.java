package dev.herald.delivery.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.delivery.message.Changes.Change;
import dev.herald.delivery.message.Changes.Vulnerability;
import dev.herald.delivery.message.Changes.VulnerabilityChange;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a vulnerability diff reads: a package upgrade that keeps a vulnerability is one update, not an add and a remove. */
class ChangesReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static VulnerabilityChange read(String diff) throws Exception {
        return (VulnerabilityChange) ChangesReader.read(JSON.readTree("{\"diff_vulnerability_result\": " + diff + "}"))
                .orElseThrow();
    }

    private static String entry(String id, String severity, String name, String version) {
        return "{\"CVE_ID\": \"%s\", \"Severity\": \"%s\", \"Package_Name\": \"%s\", \"Package_Version\": \"%s\"}"
                .formatted(id, severity, name, version);
    }

    @Test
    void aVulnerabilityRemovedInOneVersionAndAddedInTheNextIsUpdatedWithBothVersions() throws Exception {
        VulnerabilityChange change = read("{\"added\": [%s, %s], \"updated\": [], \"removed\": [%s, %s]}".formatted(
                entry("CVE-1", "High", "openssl", "3.0.2"), entry("CVE-2", "Low", "zlib", "1.3"),
                entry("CVE-1", "High", "openssl", "3.0.1"), entry("CVE-3", "Critical", "busybox", "1.36.0")));

        assertThat(change.added()).isEqualTo(1);
        assertThat(change.updated()).isEqualTo(1);
        assertThat(change.removed()).isEqualTo(1);
        assertThat(change.top()).containsExactly(
                new Vulnerability(Change.UPDATED, "CVE-1", "High", "openssl", "3.0.2", "3.0.1", null, null),
                new Vulnerability(Change.ADDED, "CVE-2", "Low", "zlib", "1.3", null, null, null));
        assertThat(change.topRemoved()).containsExactly(
                new Vulnerability(Change.REMOVED, "CVE-3", "Critical", "busybox", "1.36.0", null, null, null));
        assertThat(change.bySeverity()).containsExactly(Map.entry("High", 1), Map.entry("Low", 1));
    }

    @Test
    void theSameIdInAnotherPackageStaysAddedAndRemoved() throws Exception {
        VulnerabilityChange change = read("{\"added\": [%s], \"removed\": [%s]}".formatted(
                entry("CVE-1", "High", "libssl3", "3.0.2"), entry("CVE-1", "High", "openssl", "3.0.1")));

        assertThat(change.added()).isEqualTo(1);
        assertThat(change.updated()).isZero();
        assertThat(change.removed()).isEqualTo(1);
    }

    @Test
    void anUpdateTheScannerReportsKeepsItsVersionAndNoPreviousOne() throws Exception {
        VulnerabilityChange change = read("{\"updated\": [%s]}".formatted(entry("CVE-1", "critical", "openssl", "3.0.1")));

        assertThat(change.top()).containsExactly(
                new Vulnerability(Change.UPDATED, "CVE-1", "Critical", "openssl", "3.0.1", null, null, null));
    }
}
