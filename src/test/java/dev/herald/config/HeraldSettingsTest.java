package dev.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeraldSettingsTest {

    private static PropertiesComponent properties(String... keyValues) {
        PropertiesComponent properties = new DefaultCamelContext().getPropertiesComponent();
        Properties overrides = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            overrides.setProperty(keyValues[i], keyValues[i + 1]);
        }
        properties.setOverrideProperties(overrides);
        HeraldDefaults.applyTo(properties);
        return properties;
    }

    @Test
    void defaultsAreAnchoresThirtySecondCycleAndBoundedBatches() {
        HeraldSettings settings = HeraldSettings.from(properties());

        assertThat(settings.cycle()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.routes()).isEqualTo("classpath:routes/*.camel.yaml");
        assertThat(settings.relayBatchSize()).isEqualTo(500);
        assertThat(settings.dispatchBatchSize()).isEqualTo(200);
        assertThat(settings.claimTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.adminPassword()).isEmpty();
        assertThat(settings.allowPrivateTargets()).as("compatible by default").isTrue();
        assertThat(settings.maxBodySize()).isEqualTo(1024 * 1024);
    }

    @Test
    void privateTargetsCanBeRefused() {
        assertThat(HeraldSettings.from(properties("herald.http.allow-private-targets", "false")).allowPrivateTargets())
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource({"0.1, 100", "1, 1000", "2.5, 2500", "30, 30000"})
    void theCycleIsSecondsDownToATenth(String seconds, long millis) {
        PropertiesComponent properties = properties("herald.cycle-timers.notifications", seconds);

        assertThat(HeraldSettings.from(properties).cycle()).isEqualTo(Duration.ofMillis(millis));
        assertThat(new SecondsToMillisFunction(properties).apply("herald.cycle-timers.notifications"))
                .isEqualTo(Long.toString(millis));
    }

    @ParameterizedTest
    @CsvSource({"herald.cycle-timers.notifications, 0.05", "herald.cycle-timers.notifications, soon",
            "herald.relay.batch-size, 0", "herald.dispatch.threads, many",
            "herald.http.allow-private-targets, no", "herald.api.max-body-size, 1MB"})
    void aWrongSettingIsRefusedNamingTheKey(String key, String value) {
        assertThatThrownBy(() -> HeraldSettings.from(properties(key, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(value);
    }
}
