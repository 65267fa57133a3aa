package dev.herald.api;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;

/**
 * Shows the admin password Herald made up at its first start, as a block after everything else
 * start-up prints, where a newcomer reads on. It goes to the console (standard output), not to
 * the log: log files and collectors keep what they get, and this password must exist in clear
 * only this once (the database keeps its hash). Later starts have no such password to show.
 */
public final class GeneratedPasswordNotice implements ExtendedStartupListener {

    private static final String RULE = "=".repeat(78);

    /** Forgotten once shown, so a context started again (a host may restart its own) shows nothing. */
    private String password;

    public GeneratedPasswordNotice(String password) {
        this.password = password;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the HTTP summary and the console's line come after this; the block waits for them
    }

    @Override
    public synchronized void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        if (password == null) {
            return;
        }
        System.out.println(String.join(System.lineSeparator(),
                "",
                RULE,
                "  Herald made up a password for the user admin (account admin):",
                "",
                "      the admin password is " + password,
                "",
                "  It is shown this once: only its hash is stored, and later starts do not",
                "  print it. To choose the password, start Herald with herald.admin.password",
                "  set (environment variable HERALD_ADMIN_PASSWORD); it is set at every start.",
                RULE,
                ""));
        System.out.flush();
        password = null;
    }
}
