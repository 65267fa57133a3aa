package dev.herald.config;

import dev.herald.account.AdminUser;
import dev.herald.api.ApiServices;
import dev.herald.api.GeneratedPasswordNotice;
import dev.herald.api.RestApiRoutes;
import dev.herald.api.StartupImport;
import dev.herald.console.ConsoleServer;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;

/**
 * Adds Herald to a CamelContext in one call: the schema (Flyway), the beans the routes use, the
 * YAML routes and, unless left out, the REST API on platform-http. Standalone Herald calls this
 * from Camel Main; a host integration calls it with its own context and DataSource.
 */
public final class Herald {

    /** Which parts of Herald a host wants. */
    public enum Parts {
        ALL,
        /** For hosts without an HTTP server: relay and dispatch only, administered through the database. */
        WITHOUT_REST_API
    }

    private Herald() {
    }

    public static void addTo(CamelContext context, DataSource dataSource) {
        addTo(context, dataSource, Parts.ALL);
    }

    public static void addTo(CamelContext context, DataSource dataSource, Parts parts) {
        try {
            PropertiesComponent properties = context.getPropertiesComponent();
            HeraldDefaults.applyTo(properties);
            HeraldSettings settings = HeraldSettings.from(properties);
            SchemaMigration.migrate(dataSource);
            H2Settings.apply(dataSource);
            properties.addPropertiesFunction(new SecondsToMillisFunction(properties));
            ApiServices api = HeraldBeans.bindInto(context, dataSource, settings);
            Optional<String> importFile = properties.resolveProperty("herald.import.file").filter(f -> !f.isBlank());
            if (importFile.isPresent()) {
                StartupImport.apply(api, Path.of(importFile.get().trim()));
            }
            if (parts == Parts.ALL) {
                addRestApi(context, api);
            }
            Collection<Resource> routes = PluginHelper.getPackageScanResourceResolver(context)
                    .findResources(settings.routes());
            if (routes.isEmpty()) {
                throw new IllegalStateException("No Herald routes found at " + settings.routes());
            }
            PluginHelper.getRoutesLoader(context).loadRoutes(routes);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Could not add Herald to the Camel context: " + e.getMessage(), e);
        }
    }

    private static void addRestApi(CamelContext context, ApiServices api) throws Exception {
        context.addRoutes(new RestApiRoutes(api));
        context.addStartupListener(new ConsoleServer());
        // the last start-up listener, so a password made up for the admin user is the last thing start-up prints
        Optional<String> generated = AdminUser.ensure(api.users(), api.adminPassword(), api.clock());
        if (generated.isPresent()) {
            context.addStartupListener(new GeneratedPasswordNotice(generated.get()));
        }
    }
}
