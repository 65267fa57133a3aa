package dev.herald.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The standalone DataSource: a HikariCP pool from {@code herald.datasource.*}. Only the URL and
 * credentials change between the embedded H2 file and PostgreSQL; the driver follows the URL.
 */
final class DataSourceFactory {

    private DataSourceFactory() {
    }

    static HikariDataSource create(PropertiesComponent properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("herald");
        config.setJdbcUrl(properties.resolveProperty("herald.datasource.url")
                .orElseThrow(() -> new IllegalArgumentException("Setting herald.datasource.url is required")));
        properties.resolveProperty("herald.datasource.username").ifPresent(config::setUsername);
        properties.resolveProperty("herald.datasource.password").ifPresent(config::setPassword);
        config.setMaximumPoolSize(properties.resolveProperty("herald.datasource.maximum-pool-size")
                .map(String::trim).map(Integer::parseInt).orElse(10));
        return new HikariDataSource(config);
    }
}
