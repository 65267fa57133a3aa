package dev.herald;

import dev.herald.config.StandaloneHerald;
import org.apache.camel.main.Main;

/**
 * Runs Herald on its own: Camel Main reads application.properties (overridable by environment
 * variables and system properties), and {@link StandaloneHerald} adds a pooled DataSource and Herald.
 */
public final class HeraldMain {

    private HeraldMain() {
    }

    public static void main(String[] args) throws Exception {
        create().run(args);
    }

    /** The Main that {@link #main} runs, not yet started, so tests can boot exactly what users run. */
    public static Main create() {
        Main main = new Main();
        main.addMainListener(new StandaloneHerald());
        return main;
    }
}
