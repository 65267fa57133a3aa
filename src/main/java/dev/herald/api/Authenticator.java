package dev.herald.api;

import dev.herald.account.AccountRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Runs before every API route: checks HTTP Basic credentials (for now the single {@code admin}
 * user of the admin account), decides which account the request acts for, and refuses a body that
 * is not JSON. The Authorization header is removed once checked, so it can never be logged or
 * forwarded.
 */
final class Authenticator implements Processor {

    static final String CALLER = "heraldCaller";
    private static final String ACT_AS = "x-anchore-account";

    private final byte[] adminPassword;
    private final AccountRepository accounts;

    Authenticator(String adminPassword, AccountRepository accounts) {
        this.adminPassword = adminPassword.getBytes(StandardCharsets.UTF_8);
        this.accounts = accounts;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String authorization = message.getHeader("Authorization", String.class);
        message.removeHeader("Authorization");
        Caller caller = authenticate(authorization);
        String actAs = message.getHeader(ACT_AS, String.class);
        if (actAs != null && !actAs.isBlank() && !actAs.equals(caller.account())) {
            if (!caller.isAdmin()) {
                throw ApiException.forbidden("only users of the admin account may act for another account");
            }
            if (!accounts.exists(actAs)) {
                throw ApiException.notFound("account '" + actAs + "'");
            }
            caller = new Caller(caller.username(), caller.userAccount(), actAs);
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
        byte[] password = (colon < 0 ? "" : decoded.substring(colon + 1)).getBytes(StandardCharsets.UTF_8);
        if (!AccountRepository.ADMIN.equals(username) || !MessageDigest.isEqual(password, adminPassword)) {
            throw new ApiException(ApiErrorType.UNAUTHORIZED, "invalid username or password");
        }
        return new Caller(username, AccountRepository.ADMIN, AccountRepository.ADMIN);
    }

    /** Anchore answers 415 to a write whose body is not JSON. */
    private static void requireJsonBody(Message message) {
        String method = message.getHeader(Exchange.HTTP_METHOD, String.class);
        if (!"POST".equals(method) && !"PUT".equals(method)) {
            return;
        }
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            throw new ApiException(ApiErrorType.UNSUPPORTED_MEDIA_TYPE,
                    "the request body must be JSON (Content-Type: application/json), not " + contentType);
        }
    }
}
