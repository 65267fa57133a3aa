package dev.herald.store;

import org.jdbi.v3.core.Handle;

/**
 * The counter that every change to endpoints, configurations, selectors or scanning alerts bumps in
 * its own transaction; a process recompiles its selectors and alerts when the counter moved.
 */
public final class ConfigurationVersion {

    private ConfigurationVersion() {
    }

    public static void bump(Handle handle) {
        handle.execute("UPDATE configuration_version SET version = version + 1 WHERE id = 1");
    }

    public static long read(Handle handle) {
        return handle.createQuery("SELECT version FROM configuration_version WHERE id = 1").mapTo(Long.class).one();
    }
}
