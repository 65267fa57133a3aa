package dev.herald.api;

import dev.herald.account.AccountRepository;
import dev.herald.account.AdminUser;
import dev.herald.account.Passwords;
import dev.herald.account.Role;
import dev.herald.account.User;
import dev.herald.account.UserRepository;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Runs before every API route: checks HTTP Basic credentials against the users table, decides
 * which account the request acts for, checks the route's {@link Permission}, and refuses a body
 * that is not JSON. The Authorization header is removed once read, so it can never be logged or
 * forwarded. With {@code herald.require-auth} false, a request without credentials acts as the
 * admin user (for a Herald reachable only through something that authenticates already).
 */
final class Authenticator implements Processor {

    static final String CALLER = "heraldCaller";
    private static final String ACT_AS = "x-anchore-account";

    private final UserRepository users;
    private final AccountRepository accounts;
    private final CredentialCache cache;
    private final Map<String, Permission> permissions;
    private final boolean requireAuth;

    Authenticator(UserRepository users, AccountRepository accounts, CredentialCache cache,
            Map<String, Permission> permissions, boolean requireAuth) {
        this.users = users;
        this.accounts = accounts;
        this.cache = cache;
        this.permissions = permissions;
        this.requireAuth = requireAuth;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String authorization = message.getHeader("Authorization", String.class);
        message.removeHeader("Authorization");
        Caller caller = authorization == null && !requireAuth ? anonymousAdmin() : authenticate(authorization);
        String actAs = message.getHeader(ACT_AS, String.class);
        if (actAs != null && !actAs.isBlank() && !actAs.equals(caller.account())) {
            if (!caller.isAdmin()) {
                throw ApiException.forbidden("only users of the admin account may act for another account");
            }
            if (!accounts.exists(actAs)) {
                throw ApiException.notFound("account '" + actAs + "'");
            }
            caller = caller.actingFor(actAs);
        }
        Permission permission = permissions.get(exchange.getFromRouteId());
        if (permission == null || !permission.allows(caller)) {
            throw ApiException.forbidden(permission == Permission.ADMIN
                    ? "only read-write users of the admin account may do this"
                    : "the " + caller.role().apiName() + " role may not do this");
        }
        exchange.setProperty(CALLER, caller);
        requireJsonBody(message);
    }

    private Caller authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new ApiException(ApiErrorType.UNAUTHORIZED, "authentication required (HTTP Basic)");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiErrorType.UNAUTHORIZED, "malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        String username = colon < 0 ? decoded : decoded.substring(0, colon);
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        User user = cache.find(username, password);
        if (user == null) {
            user = check(username, password)
                    .orElseThrow(() -> new ApiException(ApiErrorType.UNAUTHORIZED, "invalid username or password"));
            cache.remember(username, password, user);
        }
        return new Caller(user.username(), user.account(), user.role(), user.account());
    }

    private Optional<User> check(String username, String password) {
        Optional<String> hash = users.passwordHash(username);
        boolean matches = hash.isPresent() ? Passwords.matches(password, hash.get()) : Passwords.matchesNoUser(password);
        return matches ? users.find(username) : Optional.empty();
    }

    private static Caller anonymousAdmin() {
        return new Caller(AdminUser.USERNAME, AccountRepository.ADMIN, Role.READ_WRITE, AccountRepository.ADMIN);
    }

    /** Anchore answers 415 to a write whose body is not JSON; YAML is taken too, for imported files. */
    private static void requireJsonBody(Message message) {
        String method = message.getHeader(Exchange.HTTP_METHOD, String.class);
        if (!"POST".equals(method) && !"PUT".equals(method)) {
            return;
        }
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        String type = contentType == null ? null : contentType.toLowerCase(Locale.ROOT);
        if (type != null && !type.contains("json") && !type.contains("yaml")) {
            throw new ApiException(ApiErrorType.UNSUPPORTED_MEDIA_TYPE,
                    "the request body must be JSON (Content-Type: application/json; an import also takes application/yaml), not " + contentType);
        }
    }
}
