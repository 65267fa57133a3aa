package dev.herald.delivery.outcome;

import java.io.IOException;
import java.net.MalformedURLException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Which failed attempts are worth another (DESIGN §8), decided here for every channel: a receiver
 * that is down, slow or busy may answer the next time; one that refused the request, or a
 * configuration Herald itself refuses, will not, so the delivery is dead at once with the reason.
 */
public final class RetryableFailures {

    private RetryableFailures() {
    }

    /**
     * An HTTP answer (webhook, Teams, GitHub, Jira, and Slack's status): 408, 425, 429 and 5xx
     * but 501 and 505, which a retry cannot change. A 403 that carries {@code Retry-After} is a rate
     * limit too: GitHub answers its secondary rate limits so.
     */
    public static boolean httpStatus(int status, boolean withRetryAfter) {
        return switch (status) {
            case 408, 425, 429 -> true;
            case 501, 505 -> false;
            case 403 -> withRetryAfter;
            default -> status >= 500 && status <= 599;
        };
    }

    /** An SMTP reply code: 4xx replies are transient (RFC 5321 §4.2.1), 5xx ones permanent. */
    public static boolean smtpReply(int code) {
        return code >= 400 && code <= 499;
    }

    /**
     * A call that threw. Connection errors and timeouts (connect, response, SMTP replies) are worth
     * another attempt. Herald's own refusals are not: a private target, a URL it cannot use, a
     * certificate it does not trust (those look like I/O errors, so they are picked out first), nor
     * any other exception, which is no I/O error (an unreadable secret, a configuration the channel
     * cannot use, a refused SMTP login or a missing STARTTLS).
     */
    public static boolean exception(Throwable error) {
        for (Throwable cause = error; cause != null; cause = next(cause)) {
            if (cause instanceof PrivateTargetRefused || cause instanceof MalformedURLException
                    || cause instanceof CertificateException || cause instanceof SSLPeerUnverifiedException) {
                return false;
            }
        }
        for (Throwable cause = error; cause != null; cause = next(cause)) {
            // IOException: refused, reset or dropped connections, names that do not resolve (yet), and
            // the connect, response and SMTP reply timeouts (InterruptedIOException)
            if (cause instanceof IOException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable error) {
        Throwable cause = error.getCause();
        return cause == error ? null : cause;
    }
}
