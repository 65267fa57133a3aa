package dev.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.support.HeraldInstance;
import dev.herald.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** herald.routes=file:…: Herald runs the routes of a folder of the operator's, as the README's Routes section says. */
class RoutesFromFilesTest {

    private static final String ADDED_ROUTE = """
            # A route of the operator's beside Herald's: answers on direct:greeting.
            # From direct:greeting to the caller.
            - route:
                id: greeting
                from:
                  uri: direct:greeting
                  steps:
                    - setBody:
                        constant: loaded from the folder
            """;

    @TempDir
    Path folder;

    @Test
    void heraldRunsTheRoutesOfTheFolderItIsPointedAt() throws IOException {
        Path routes = Files.createDirectory(folder.resolve("routes"));
        try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
            for (Path file : shipped.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        Files.writeString(routes.resolve("greeting.camel.yaml"), ADDED_ROUTE);

        try (HeraldInstance herald = HeraldInstance.start(TestDatabase.h2(folder),
                Map.of("herald.routes", "file:" + routes + "/*.camel.yaml"))) {
            List<String> ids = herald.context().getRoutes().stream().map(Route::getRouteId).toList();
            assertThat(ids).contains("relay-events", "dispatch-deliveries", "deliver", "deliver-webhook", "greeting");
            assertThat(herald.context().createProducerTemplate().requestBody("direct:greeting", "", String.class))
                    .isEqualTo("loaded from the folder");
        }
    }

    @Test
    void aLocationWithoutRoutesStopsTheStartNamingIt() {
        String empty = "file:" + folder + "/*.camel.yaml";
        assertThatThrownBy(() -> HeraldInstance.start(TestDatabase.h2(folder), Map.of("herald.routes", empty)))
                .rootCause().hasMessage("No Herald routes found at " + empty);
    }
}
