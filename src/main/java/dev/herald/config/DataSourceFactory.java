package dev.herald.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The standalone DataSource: a HikariCP pool from {@code herald.datasource.*}. Only the URL and
 * credentials change between the embedded H2 file and PostgreSQL; the driver follows the URL.
 */
final class DataSourceFactory {

    private static final String POOL_SIZE = "herald.datasource.maximum-pool-size";

    private DataSourceFactory() {
    }

    static HikariDataSource create(PropertiesComponent properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("herald");
        config.setJdbcUrl(properties.resolveProperty("herald.datasource.url")
                .orElseThrow(() -> new IllegalArgumentException("Setting herald.datasource.url is required")));
        properties.resolveProperty("herald.datasource.username").ifPresent(config::setUsername);
        properties.resolveProperty("herald.datasource.password").ifPresent(config::setPassword);
        config.setMaximumPoolSize(poolSize(properties.resolveProperty(POOL_SIZE).map(String::trim).orElse("10")));
        return new HikariDataSource(config);
    }

    /**
     * At least two: a relay pass holds one connection while the configuration snapshot is reloaded
     * on another.
     */
    private static int poolSize(String value) {
        try {
            int size = Integer.parseInt(value);
            if (size >= 2) {
                return size;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("Setting " + POOL_SIZE + " must be a whole number of at least 2 (a relay "
                + "pass holds one connection while the configuration is reloaded on another), not '" + value + "'");
    }
}
