package dev.herald.api;

import static dev.herald.support.ApiAssertions.assertBadRequest;
import static dev.herald.support.ApiAssertions.assertError;
import static dev.herald.support.ApiAssertions.assertNotFound;
import static dev.herald.support.ApiAssertions.assertRequired;
import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.ApiTestBase;
import dev.herald.support.Json;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /v2/accounts} and their users, as the admin uses them and as their users then sign in. */
class AccountsApiTest extends ApiTestBase {

    private static String name() {
        return "team-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anAccountIsCreatedListedReadAndDeletedWithEverythingItOwns() {
        ApiClient admin = herald.api();
        String name = name();
        ApiResponse created = admin.post("/v2/accounts", Map.of("name", name, "email", "sec@acme.example"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.text("name")).isEqualTo(name);
        assertThat(created.text("email")).isEqualTo("sec@acme.example");
        assertThat(created.text("type")).isEqualTo("user");
        assertThat(admin.get("/v2/accounts/" + name).text("name")).isEqualTo(name);
        assertThat(Json.elements(admin.get("/v2/accounts").json())).extracting(a -> a.get("name").asText())
                .contains("admin", name);

        ApiClient team = admin.actingAs(name);
        String configuration = scenario.webhook(team, "http://127.0.0.1:9/nowhere", List.of(selector("account", "*", "*", "*")));
        String eventId = scenario.post(team, event("system.feeds.sync.failed", "error", "feeds"));
        ApiClient user = scenario.newUser(name, "read-write");
        assertThat(user.get("/v2/events").status()).isEqualTo(200);

        assertThat(admin.delete("/v2/accounts/" + name).status()).isEqualTo(200);

        assertNotFound(admin.get("/v2/accounts/" + name));
        assertThat(user.get("/v2/events").status()).as("its users are gone").isEqualTo(401);
        List<Integer> left = scenario.sql().withHandle(h -> List.of(
                h.createQuery("SELECT COUNT(*) FROM endpoint_configurations WHERE uuid = ?").bind(0, configuration).mapTo(Integer.class).one(),
                h.createQuery("SELECT COUNT(*) FROM events WHERE event_id = ?").bind(0, eventId).mapTo(Integer.class).one(),
                h.createQuery("SELECT COUNT(*) FROM users WHERE account_name = ?").bind(0, name).mapTo(Integer.class).one()));
        assertThat(left).containsOnly(0);
    }

    @Test
    void theCurrentUserSaysWhoSignedInWithWhatRoleAndForWhichAccount() {
        String name = name();
        assertThat(herald.api().post("/v2/accounts", Map.of("name", name)).status()).isEqualTo(200);
        ApiClient reader = scenario.newUser(name, "read-only");

        assertThat(reader.get("/v2/user").json()).isEqualTo(Json.tree(Map.of("username", reader.username(),
                "account_name", name, "role", "read-only", "acting_for", name, "admin", false)));
        assertThat(herald.api().actingAs(name).get("/v2/user").json()).isEqualTo(Json.tree(Map.of("username", "admin",
                "account_name", "admin", "role", "read-write", "acting_for", name, "admin", true)));
    }

    @Test
    void anAccountNameIsUniqueAndValidated() {
        ApiClient admin = herald.api();
        String name = name();
        assertThat(admin.post("/v2/accounts", Map.of("name", name)).status()).isEqualTo(200);

        ApiResponse again = admin.post("/v2/accounts", Map.of("name", name));
        assertError(again, 409, "Conflict");
        assertThat(again.text("message")).contains("name");
        assertRequired(admin.post("/v2/accounts", Map.of("email", "x@y.z")), "name");
        assertBadRequest(admin.post("/v2/accounts", Map.of("name", "no spaces please")), "name");
        assertBadRequest(admin.post("/v2/accounts", Map.of("name", "x".repeat(65))), "name");
        assertBadRequest(admin.post("/v2/accounts", Map.of("name", name(), "email", "not an email")), "email");
        assertBadRequest(admin.post("/v2/accounts", Map.of("name", 42)), "name");
    }

    @Test
    void theAdminAccountAndTheSignedInUserCannotBeDeleted() {
        ApiClient admin = herald.api();

        assertBadRequest(admin.delete("/v2/accounts/admin"), "account");
        assertBadRequest(admin.delete("/v2/accounts/admin/users/admin"), "username");
        assertNotFound(admin.delete("/v2/accounts/" + name()));
        assertThat(admin.get("/v2/accounts/admin").status()).isEqualTo(200);
    }

    @Test
    void usersAreCreatedWithARoleNeverShowTheirPasswordAndCanSignIn() {
        ApiClient admin = herald.api();
        String account = name();
        admin.post("/v2/accounts", Map.of("name", account));
        String username = "reader-" + UUID.randomUUID().toString().substring(0, 6);

        ApiResponse created = admin.post("/v2/accounts/" + account + "/users",
                Map.of("username", username, "password", "correct horse battery", "role", "read-only"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json()).isEqualTo(Json.tree(Map.of("username", username, "account_name", account,
                "role", "read-only", "created_at", created.text("created_at"))));
        ApiResponse list = admin.get("/v2/accounts/" + account + "/users");
        assertThat(list.body()).doesNotContain("correct horse battery").doesNotContain("password");
        assertThat(Json.elements(list.json())).extracting(u -> u.get("username").asText()).containsExactly(username);

        ApiClient reader = ApiClient.anonymous(herald.baseUrl()).withCredentials(username, "correct horse battery");
        assertThat(reader.get("/v2/notifications/endpoints/webhook/configurations").status()).isEqualTo(200);
        assertError(ApiClient.anonymous(herald.baseUrl()).withCredentials(username, "wrong horse").get("/v2/events"),
                401, "Unauthorized");
        String stored = scenario.sql().withHandle(h -> h.createQuery("SELECT password_hash FROM users WHERE username = ?")
                .bind(0, username).mapTo(String.class).one());
        assertThat(stored).startsWith("$2a$10$").doesNotContain("correct horse battery");
    }

    @Test
    void theDefaultRoleIsReadWriteAndUsernamesAreUniqueAcrossAccounts() {
        ApiClient admin = herald.api();
        String first = name();
        String second = name();
        admin.post("/v2/accounts", Map.of("name", first));
        admin.post("/v2/accounts", Map.of("name", second));
        String username = "writer-" + UUID.randomUUID().toString().substring(0, 6);

        ApiResponse created = admin.post("/v2/accounts/" + first + "/users", Map.of("username", username, "password", "long enough"));
        assertThat(created.text("role")).isEqualTo("read-write");
        assertError(admin.post("/v2/accounts/" + second + "/users", Map.of("username", username, "password", "long enough")),
                409, "Conflict");
    }

    @Test
    void badUsersAreRefusedNamingTheField() {
        ApiClient admin = herald.api();
        String account = name();
        admin.post("/v2/accounts", Map.of("name", account));
        String path = "/v2/accounts/" + account + "/users";

        assertRequired(admin.post(path, Map.of("password", "long enough")), "username");
        assertRequired(admin.post(path, Map.of("username", "someone")), "password");
        assertBadRequest(admin.post(path, Map.of("username", "someone", "password", "short")), "password");
        assertBadRequest(admin.post(path, Map.of("username", "someone", "password", "long enough", "role", "owner")), "role");
        assertBadRequest(admin.post(path, Map.of("username", "no spaces", "password", "long enough")), "username");
        assertNotFound(admin.post("/v2/accounts/" + name() + "/users", Map.of("username", "someone", "password", "long enough")));
        assertThat(Json.elements(admin.get(path).json())).isEmpty();
    }

    @Test
    void onlyUsersOfTheAdminAccountMayActForAnotherAccount() {
        String account = name();
        String other = name();
        herald.api().post("/v2/accounts", Map.of("name", account));
        herald.api().post("/v2/accounts", Map.of("name", other));
        ApiClient writer = scenario.newUser(account, "read-write");

        ApiResponse answer = writer.actingAs(other).get("/v2/events");

        assertError(answer, 403, "AccessDenied");
        assertThat(answer.text("message")).contains("admin account");
        assertThat(writer.actingAs(account).get("/v2/events").status()).as("its own account is no change").isEqualTo(200);
    }

    @Test
    void aDeletedUserCanNoLongerSignIn() {
        String account = name();
        herald.api().post("/v2/accounts", Map.of("name", account));
        ApiClient user = scenario.newUser(account, "read-write");
        assertThat(user.get("/v2/events").status()).isEqualTo(200);
        JsonNode users = herald.api().get("/v2/accounts/" + account + "/users").json();

        assertThat(herald.api().delete("/v2/accounts/" + account + "/users/" + users.get(0).get("username").asText())
                .status()).isEqualTo(200);

        assertError(user.get("/v2/events"), 401, "Unauthorized");
    }

    @Test
    void aUsersRoleIsChangedAndTakesEffectAtItsNextRequest() {
        String account = name();
        herald.api().post("/v2/accounts", Map.of("name", account));
        ApiClient user = scenario.newUser(account, "read-write");
        String path = "/v2/accounts/" + account + "/users/" + user.username();
        Map<String, Object> configuration = Map.of("url", "http://127.0.0.1:9/nowhere");
        assertThat(user.post("/v2/notifications/endpoints/webhook/configurations", configuration).status()).isEqualTo(200);

        ApiResponse changed = herald.api().put(path, Map.of("role", "read-only"));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.text("role")).isEqualTo("read-only");
        assertThat(changed.text("username")).isEqualTo(user.username());
        assertThat(herald.api().get("/v2/accounts/" + account + "/users").json().get(0).get("role").asText()).isEqualTo("read-only");
        assertError(user.post("/v2/notifications/endpoints/webhook/configurations", configuration), 403, "AccessDenied");
        assertThat(herald.api().put(path, Map.of("role", "read-write")).text("role")).isEqualTo("read-write");
        assertThat(user.post("/v2/notifications/endpoints/webhook/configurations", configuration).status()).isEqualTo(200);
    }

    @Test
    void badRoleChangesAreRefusedNamingTheField() {
        ApiClient admin = herald.api();
        String account = name();
        admin.post("/v2/accounts", Map.of("name", account));
        ApiClient user = scenario.newUser(account, "read-write");
        String path = "/v2/accounts/" + account + "/users/" + user.username();

        assertRequired(admin.put(path, Map.of()), "role");
        assertBadRequest(admin.put(path, Map.of("role", "owner")), "role");
        assertBadRequest(admin.put(path, Map.of("role", "read-only", "password", "new password")), "password");
        assertBadRequest(admin.put("/v2/accounts/admin/users/admin", Map.of("role", "read-only")), "username");
        assertNotFound(admin.put("/v2/accounts/" + account + "/users/nobody", Map.of("role", "read-only")));
        assertNotFound(admin.put("/v2/accounts/" + name() + "/users/" + user.username(), Map.of("role", "read-only")));
        assertThat(admin.get("/v2/accounts/" + account + "/users").json().get(0).get("role").asText()).isEqualTo("read-write");
    }
}
