package dev.herald.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Herald's default settings (herald-defaults.properties), added as Camel's initial properties:
 * the lowest precedence, so application.properties, a host's own properties, system properties
 * and environment variables all override them.
 */
final class HeraldDefaults {

    private static final String LOCATION = "herald-defaults.properties";

    private HeraldDefaults() {
    }

    static void applyTo(PropertiesComponent properties) {
        Properties defaults = load();
        for (String key : defaults.stringPropertyNames()) {
            if (properties.resolveProperty(key).isEmpty()) {
                properties.addInitialProperty(key, defaults.getProperty(key));
            }
        }
    }

    private static Properties load() {
        Properties defaults = new Properties();
        try (InputStream in = HeraldDefaults.class.getResourceAsStream(LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(LOCATION + " is missing from the classpath");
            }
            defaults.load(in);
            return defaults;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
