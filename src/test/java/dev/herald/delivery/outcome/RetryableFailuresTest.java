package dev.herald.delivery.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.camel.CamelExchangeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RetryableFailuresTest {

    @ParameterizedTest(name = "HTTP {0}, Retry-After given: {1} -> retryable {2}")
    @CsvSource({
            "400, false, false", "401, false, false", "403, false, false", "404, false, false", "405, false, false",
            "409, false, false", "410, false, false", "413, false, false", "422, false, false",
            "408, false, true", "425, false, true", "429, false, true", "429, true, true",
            "403, true, true",
            "500, false, true", "502, false, true", "503, false, true", "503, true, true", "504, false, true",
            "507, false, true", "599, false, true",
            "501, false, false", "505, false, false", "501, true, false",
            "200, false, false", "301, false, false", "0, false, false"})
    void httpStatuses(int status, boolean withRetryAfter, boolean retryable) {
        assertThat(RetryableFailures.httpStatus(status, withRetryAfter)).isEqualTo(retryable);
    }

    @ParameterizedTest(name = "SMTP {0} -> retryable {1}")
    @CsvSource({"421, true", "450, true", "451, true", "452, true", "454, true",
            "500, false", "530, false", "535, false", "550, false", "552, false", "554, false"})
    void smtpReplyCodes(int code, boolean retryable) {
        assertThat(RetryableFailures.smtpReply(code)).isEqualTo(retryable);
    }

    static Stream<Arguments> exceptions() throws Exception {
        return Stream.of(
                arguments("connection refused", new ConnectException("Connection refused"), true),
                arguments("HttpClient's connection refused", new HttpHostConnectException("Connect to http://127.0.0.1:9 failed"), true),
                arguments("connect timeout", new ConnectTimeoutException("Connect to 10.0.0.1:443 timed out"), true),
                arguments("response timeout", new SocketTimeoutException("Read timed out"), true),
                arguments("no answer", new NoHttpResponseException("127.0.0.1:80 failed to respond"), true),
                arguments("connection reset", new SocketException("Connection reset"), true),
                arguments("a name that does not resolve (yet)", new UnknownHostException("hooks.example"), true),
                arguments("a timeout", new TimeoutException(), true),
                arguments("a handshake cut short", withCause(new SSLHandshakeException("Remote host terminated the handshake"),
                        new EOFException("SSL peer shut down incorrectly")), true),
                arguments("camel-slack's I/O error, wrapped", new CamelExchangeException("Error", null,
                        new SocketTimeoutException("timeout")), true),
                arguments("an SMTP connection error", new MessagingException("Couldn't connect to host",
                        new ConnectException("Connection refused")), true),
                arguments("an SMTP reply timeout", new MessagingException("Exception reading response",
                        new SocketTimeoutException("Read timed out")), true),
                arguments("a private target", new PrivateTargetRefused("hooks.internal",
                        InetAddress.getByAddress(new byte[] {10, 0, 0, 1})), false),
                arguments("a private target, wrapped", new IllegalStateException(new PrivateTargetRefused("localhost",
                        InetAddress.getLoopbackAddress())), false),
                arguments("an untrusted certificate", withCause(new SSLHandshakeException("PKIX path building failed"),
                        new CertificateException("unable to find valid certification path")), false),
                arguments("a host name mismatch", new SSLPeerUnverifiedException("Certificate for <a.example> doesn't match"), false),
                arguments("an SMTP server's untrusted certificate", new MessagingException("Could not convert socket to TLS",
                        withCause(new SSLHandshakeException("PKIX"), new CertificateException("untrusted"))), false),
                arguments("a URL Herald cannot use", new MalformedURLException("no protocol"), false),
                arguments("a refused SMTP login", new AuthenticationFailedException("535 5.7.8 bad credentials"), false),
                arguments("no STARTTLS", new MessagingException("STARTTLS is required but host does not support STARTTLS"), false),
                arguments("an unreadable secret", new IllegalStateException("A secret of slack configuration x cannot be decrypted"), false),
                arguments("a configuration the channel cannot use", new IllegalArgumentException("Illegal character in path"), false),
                arguments("nothing known", null, false));
    }

    private static <T extends Exception> T withCause(T error, Throwable cause) {
        error.initCause(cause);
        return error;
    }

    @ParameterizedTest(name = "{0} -> retryable {2}")
    @MethodSource("exceptions")
    void exceptions(String what, Throwable error, boolean retryable) {
        assertThat(RetryableFailures.exception(error)).isEqualTo(retryable);
    }
}
