package dev.herald.config;

import java.math.BigDecimal;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertiesFunction;

/**
 * Lets a route write {@code {{seconds-to-millis:herald.cycle-timers.notifications}}}: Herald's
 * timers are set in seconds (as Anchore's are, decimals allowed) while Camel's timer wants
 * milliseconds. The setting itself still resolves through the properties component, so
 * environment variables and system properties override it as usual.
 */
final class SecondsToMillisFunction implements PropertiesFunction {

    private final PropertiesComponent properties;

    SecondsToMillisFunction(PropertiesComponent properties) {
        this.properties = properties;
    }

    @Override
    public String getName() {
        return "seconds-to-millis";
    }

    @Override
    public String apply(String key) {
        String seconds = properties.resolveProperty(key)
                .orElseThrow(() -> new IllegalArgumentException("Setting " + key + " is required"));
        return new BigDecimal(seconds.trim()).movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
