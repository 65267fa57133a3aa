package dev.herald.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.herald.account.Account;
import dev.herald.account.AccountRepository;
import dev.herald.account.Passwords;
import dev.herald.account.Role;
import dev.herald.account.User;
import dev.herald.event.EventParser;
import dev.herald.validation.InvalidInputException;
import dev.herald.validation.JsonInput;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * {@code /v2/accounts} and their users, for read-write users of the admin account. Deleting an
 * account deletes everything it owns. Passwords are stored as bcrypt hashes and never returned.
 */
final class AccountsApi {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s,<>\"]+@[^@\\s,<>\"]+");
    private static final int MAX_PASSWORD = 1024;
    private static final int MIN_PASSWORD = 8;
    private static final List<String> ROLES = List.of("read-only", "read-write");

    @Schema(name = "Account")
    record AccountView(String name, String email, String type, @JsonProperty("created_at") String createdAt) {

        static AccountView of(Account account) {
            return new AccountView(account.name(), account.email(), account.type(), account.createdAt().toString());
        }
    }

    @Schema(name = "User")
    record UserView(String username, @JsonProperty("account_name") String account, String role,
            @JsonProperty("created_at") String createdAt) {

        static UserView of(User user) {
            return new UserView(user.username(), user.account(), user.role().apiName(), user.createdAt().toString());
        }
    }

    private final ApiServices services;
    private final CredentialCache credentials;

    AccountsApi(ApiServices services, CredentialCache credentials) {
        this.services = services;
        this.credentials = credentials;
    }

    /**
     * The caller as the API sees it: who signed in, the account the request acts for
     * ({@code x-anchore-account}), the role, and whether the user administers the system.
     */
    record CurrentUserView(String username, @JsonProperty("account_name") String account, String role,
            @JsonProperty("acting_for") String actingFor, boolean admin) {
    }

    public CurrentUserView current(Exchange exchange) {
        Caller caller = new ApiRequest(exchange, services.json()).caller();
        return new CurrentUserView(caller.username(), caller.userAccount(), caller.role().apiName(), caller.account(),
                caller.isAdmin());
    }

    public List<AccountView> list(Exchange exchange) {
        return services.accounts().list().stream().map(AccountView::of).toList();
    }

    public AccountView create(Exchange exchange) throws JsonProcessingException {
        ApiRequest request = new ApiRequest(exchange, services.json());
        JsonInput input = JsonInput.ofObject(request.body(), "");
        input.throwIfInvalid();
        String name = input.requiredMatching("name", 64, EventParser.ACCOUNT_NAME,
                "must be 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
        String email = input.optionalText("email", 320);
        if (email != null && !EMAIL.matcher(email).matches()) {
            input.reject(input.field("email"), "must be an email address");
        }
        input.throwIfInvalid();
        if (!services.accounts().create(name, email, services.clock().instant())) {
            throw new ApiException(ApiErrorType.CONFLICT, "name: account '" + name + "' exists already");
        }
        return AccountView.of(account(name));
    }

    public AccountView get(Exchange exchange) {
        return AccountView.of(account(new ApiRequest(exchange, services.json()).path("account")));
    }

    public void delete(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        String name = request.path("account");
        if (AccountRepository.ADMIN.equals(name)) {
            throw new InvalidInputException("account", "the admin account cannot be deleted");
        }
        if (!services.accounts().delete(name)) {
            throw ApiException.notFound("account '" + name + "'");
        }
        credentials.forgetAccount(name);
        request.answerEmpty();
    }

    public List<UserView> listUsers(Exchange exchange) {
        String account = account(new ApiRequest(exchange, services.json()).path("account")).name();
        return services.users().list(account).stream().map(UserView::of).toList();
    }

    public UserView createUser(Exchange exchange) throws JsonProcessingException {
        ApiRequest request = new ApiRequest(exchange, services.json());
        String account = account(request.path("account")).name();
        JsonInput input = JsonInput.ofObject(request.body(), "");
        input.throwIfInvalid();
        String username = input.requiredMatching("username", 64, EventParser.ACCOUNT_NAME,
                "must be 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
        String password = input.requiredText("password", MAX_PASSWORD);
        if (password != null && password.length() < MIN_PASSWORD) {
            input.reject(input.field("password"), "must be at least " + MIN_PASSWORD + " characters");
        }
        Role role = input.has("role")
                ? Role.parse(input.requiredOneOf("role", ROLES)).orElse(null)
                : Role.READ_WRITE;
        input.throwIfInvalid();
        User user = new User(username, account, role, services.clock().instant());
        if (!services.users().create(user, Passwords.hash(password))) {
            throw new ApiException(ApiErrorType.CONFLICT, "username: user '" + username + "' exists already");
        }
        return UserView.of(user);
    }

    /**
     * {@code PUT /v2/accounts/{account}/users/{username}} with {@code {"role": …}}: the user's new role,
     * in force from the user's next request. The signed-in user's own role cannot be changed, so an
     * administrator cannot lock themselves out.
     */
    public UserView updateUser(Exchange exchange) throws JsonProcessingException {
        ApiRequest request = new ApiRequest(exchange, services.json());
        String account = account(request.path("account")).name();
        String username = request.path("username");
        JsonInput input = JsonInput.ofObject(request.body(), "");
        input.throwIfInvalid();
        input.rejectUnknownFields(List.of("role"));
        Role role = Role.parse(input.requiredOneOf("role", ROLES)).orElse(null);
        input.throwIfInvalid();
        if (username.equals(request.caller().username())) {
            throw new InvalidInputException("username", "you cannot change the role of the user you are signed in as");
        }
        if (!services.users().setRole(account, username, role)) {
            throw ApiException.notFound("user '" + username + "'");
        }
        credentials.forget(username);
        return services.users().find(username).map(UserView::of).orElseThrow(() -> ApiException.notFound("user '" + username + "'"));
    }

    public void deleteUser(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        String account = account(request.path("account")).name();
        String username = request.path("username");
        if (username.equals(request.caller().username())) {
            throw new InvalidInputException("username", "you cannot delete the user you are signed in as");
        }
        if (!services.users().delete(account, username)) {
            throw ApiException.notFound("user '" + username + "'");
        }
        credentials.forget(username);
        request.answerEmpty();
    }

    private Account account(String name) {
        return services.accounts().find(name).orElseThrow(() -> ApiException.notFound("account '" + name + "'"));
    }
}
