package dev.herald.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.ApiTestBase;
import dev.herald.support.ConsoleBrowser;
import dev.herald.support.EndpointPeers;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the console's browser tests: one Herald, one headless Chromium and one set of loopback
 * peers per test class; users with a known password. The concrete classes carry
 * {@code @EnabledIf(value = ConsoleBrowser.INSTALLED, disabledReason = ConsoleBrowser.MISSING)}, so
 * without Chromium they are skipped before anything starts.
 */
abstract class ConsoleBrowserTestBase extends ApiTestBase {

    static final String PASSWORD = "console-pass-1234";

    static ConsoleBrowser browser;
    static EndpointPeers peers;

    @BeforeAll
    static void openBrowser() {
        peers = new EndpointPeers();
        browser = ConsoleBrowser.open(herald.baseUrl());
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        if (peers != null) {
            peers.close();
            peers = null;
        }
    }

    /** A user of the account with the role and {@link #PASSWORD}; returns its name. */
    static String user(String account, String role) {
        String username = account + "-" + role;
        ApiResponse created = herald.api().post("/v2/accounts/" + account + "/users",
                Map.of("username", username, "password", PASSWORD, "role", role));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return username;
    }

    /** A new account with a user of that role; returns the user's name. */
    static String userOfNewAccount(String role) {
        return user(scenario.newAccount().account(), role);
    }

    static ApiClient apiOf(String username) {
        return herald.api().withCredentials(username, PASSWORD);
    }

    /** A new account whose read-write user is signed in in the browser; returns that user's API client. */
    static ApiClient signedInToNewAccount() {
        String username = userOfNewAccount("read-write");
        browser.signIn(username, PASSWORD);
        return apiOf(username);
    }
}
