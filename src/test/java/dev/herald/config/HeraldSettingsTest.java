package dev.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
    void defaultsAreAnchoresThirtySecondCycleBoundedDispatchAndWebhookTimeouts() {
        HeraldSettings settings = HeraldSettings.from(properties());

        assertThat(settings.cycle()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.routes()).isEqualTo("classpath:routes/*.camel.yaml");
        assertThat(settings.relayBatchSize()).isEqualTo(500);
        assertThat(settings.dispatchInFlight()).isEqualTo(128);
        assertThat(settings.dispatchPerConfiguration()).isEqualTo(8);
        assertThat(settings.claimTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.responseTimeout()).as("Standard Webhooks: 15 to 30 s").isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.adminPassword()).isEmpty();
        assertThat(settings.allowPrivateTargets()).as("compatible by default").isTrue();
        assertThat(settings.maxBodySize()).isEqualTo(1024 * 1024);
    }

    @Test
    void retriesGoOnForHoursWithinADayAndDispatchLooksForDueOnesEverySecond() {
        HeraldSettings settings = HeraldSettings.from(properties());

        assertThat(settings.dispatchInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.maxAttempts()).isEqualTo(16);
        assertThat(settings.maxAge()).isEqualTo(Duration.ofDays(1));
        assertThat(settings.backoffBase()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.backoffCap()).isEqualTo(Duration.ofHours(1));
        assertThat(HeraldSettings.from(properties("herald.delivery.backoff-base", "0.05")).backoffBase())
                .isEqualTo(Duration.ofMillis(50));
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
            "herald.relay.batch-size, 0", "herald.dispatch.in-flight, many", "herald.dispatch.per-configuration, 0",
            "herald.http.allow-private-targets, no", "herald.api.max-body-size, 1MB",
            "herald.dispatch.interval, 0.01", "herald.delivery.max-attempts, 0", "herald.delivery.max-age, 0.5",
            "herald.delivery.backoff-base, 0", "herald.delivery.backoff-cap, a minute"})
    void aWrongSettingIsRefusedNamingTheKey(String key, String value) {
        assertThatThrownBy(() -> HeraldSettings.from(properties(key, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(value);
    }

    @Test
    void theSecretKeyIsTheBase64OfThirtyTwoBytesAndTheDataDirectoryDefaultsToData() {
        String key = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

        HeraldSettings settings = HeraldSettings.from(properties("herald.secret-key", " " + key + "\n"));

        assertThat(settings.secretKey()).hasValueSatisfying(secretKey -> assertThat(secretKey.getEncoded())
                .isEqualTo("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
        assertThat(settings.dataDirectory()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(HeraldSettings.from(properties()).secretKey()).as("unset: the key file is used").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3cr3t, but not base64!", "c2l4dGVlbi1ieXRlLWtleQ==", "c2l4dHktZm91ci1ieXRlcy1vZi1rZXktbWF0ZXJpYWwtaXMtdG9vLW11Y2gtZm9yLWFlcw=="})
    void aSecretKeyOfAnotherFormIsRefusedNamingTheSettingWithoutShowingTheValue(String wrong) {
        assertThatThrownBy(() -> HeraldSettings.from(properties("herald.secret-key", wrong)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("herald.secret-key")
                .hasMessageContaining("base64 of 32 random bytes")
                .hasMessageNotContaining(wrong);
    }
}
