package dev.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The standalone pool's settings, refused at start when Herald could not work with them. */
class DataSourceFactoryTest {

    private static PropertiesComponent properties(String poolSize) {
        PropertiesComponent properties = new DefaultCamelContext().getPropertiesComponent();
        Properties values = new Properties();
        values.setProperty("herald.datasource.url", "jdbc:h2:mem:pool-" + System.nanoTime());
        if (poolSize != null) {
            values.setProperty("herald.datasource.maximum-pool-size", poolSize);
        }
        properties.setOverrideProperties(values);
        return properties;
    }

    @Test
    void tenConnectionsByDefaultAndAnyNumberFromTwo() {
        try (HikariDataSource pool = DataSourceFactory.create(properties(null))) {
            assertThat(pool.getMaximumPoolSize()).isEqualTo(10);
        }
        try (HikariDataSource pool = DataSourceFactory.create(properties(" 2 "))) {
            assertThat(pool.getMaximumPoolSize()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "0", "-3", "ten", "2.5", ""})
    void fewerThanTwoConnectionsOrNotANumberIsRefusedNamingTheSetting(String poolSize) {
        assertThatThrownBy(() -> DataSourceFactory.create(properties(poolSize)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Setting herald.datasource.maximum-pool-size must be a whole number of at least 2 (a relay "
                        + "pass holds one connection while the configuration is reloaded on another), not '"
                        + poolSize.trim() + "'");
    }
}
