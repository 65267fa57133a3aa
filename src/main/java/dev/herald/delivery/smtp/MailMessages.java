package dev.herald.delivery.smtp;

import dev.herald.delivery.http.KeyedEndpoints;
import dev.herald.delivery.http.ReceiverTimeouts;
import dev.herald.delivery.message.DigestNotification;
import dev.herald.delivery.message.DigestNotifications;
import dev.herald.delivery.message.Notification;
import dev.herald.delivery.message.NotificationFactory;
import dev.herald.delivery.message.Templates;
import dev.herald.delivery.outcome.DeliveryOutcome;
import dev.herald.delivery.outcome.DeliveryOutcomes;
import dev.herald.delivery.outcome.RetryableFailures;
import dev.herald.delivery.outcome.RouteProperties;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.endpoint.EndpointConfiguration;
import dev.herald.endpoint.settings.SmtpSettings;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.component.mail.MailEndpoint;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Prepares the deliver-smtp route's mail: a subject, an HTML body with a plain-text alternative
 * (camel-mail makes them multipart/alternative), the delivery id as Message-ID and the event id as
 * X-Herald-Event-Id so mail filters can dedupe. The route strips every other header first:
 * camel-mail copies exchange headers into the mail and takes {@code mail.smtp.*} ones as settings.
 */
public final class MailMessages {

    /** SMTP's "requested action completed": what a server answers to a message it accepted. */
    private static final int ACCEPTED = 250;

    /** A mail has room: a digest lists this many events of each type, and counts them all. */
    static final int LINES_PER_GROUP = 50;

    private final NotificationFactory notifications;
    private final DigestNotifications digests;
    private final Templates templates;
    private final KeyedEndpoints endpoints;
    private final ReceiverTimeouts timeouts;

    /**
     * @param timeouts the defaults, for configurations without a {@code timeout_seconds} of their own
     */
    public MailMessages(NotificationFactory notifications, Templates templates, KeyedEndpoints endpoints,
            ReceiverTimeouts timeouts) {
        this.notifications = notifications;
        this.digests = new DigestNotifications(notifications, templates);
        this.templates = templates;
        this.endpoints = endpoints;
        this.timeouts = timeouts;
    }

    public void prepare(Exchange exchange) {
        ClaimedDelivery delivery = exchange.getProperty(RouteProperties.DELIVERY, ClaimedDelivery.class);
        Mail mail = delivery.isDigest() ? mail(digests.of(delivery, LINES_PER_GROUP)) : mail(notifications.of(delivery));
        Message message = exchange.getMessage();
        message.setBody(mail.html());
        message.setHeader(MailConstants.MAIL_ALTERNATIVE_BODY, mail.text());
        message.setHeader("Subject", mail.subject());
        // a digest's id is its delivery id: the same on every attempt at it
        message.setHeader("Message-ID", "<" + delivery.uuid() + "@herald>");
        if (!delivery.isDigest()) {
            message.setHeader("X-Herald-Event-Id", delivery.event().eventId());
        }
        exchange.setProperty(RouteProperties.ENDPOINT_URI, endpointUri(delivery.configuration()));
    }

    /** The subject (one line), HTML body and plain-text alternative of a notification's mail. */
    public Mail mail(Notification notification) {
        return new Mail(templates.render("smtp/subject.txt", notification).replaceAll("[\\r\\n]+", " "),
                templates.render("smtp/body.html", notification), templates.render("smtp/body.txt", notification));
    }

    /** The mail of a digest: its events by type, the most severe first, each type counted and its first events listed. */
    public Mail mail(DigestNotification digest) {
        return new Mail(templates.render("smtp/digest-subject.txt", digest).replaceAll("[\\r\\n]+", " "),
                templates.render("smtp/digest-body.html", digest), templates.render("smtp/digest-body.txt", digest));
    }

    public record Mail(String subject, String html, String text) {
    }

    /** camel-mail raises on failure, so reaching this step means the server accepted the mail. */
    public DeliveryOutcome fromResponse(Exchange exchange) {
        return DeliveryOutcome.delivered(exchange.getProperty(RouteProperties.DELIVERY, ClaimedDelivery.class), ACCEPTED);
    }

    /**
     * The server's reply code when it refused the mail (a 4xx one is worth another attempt, a 5xx
     * one is not), else as the exception says (connection errors and timeouts are retried, a
     * refused login or a missing STARTTLS is not).
     */
    public DeliveryOutcome fromException(Exchange exchange) {
        ClaimedDelivery delivery = exchange.getProperty(RouteProperties.DELIVERY, ClaimedDelivery.class);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Integer code = null;
        for (Throwable cause = error; cause != null && code == null; cause = cause.getCause()) {
            if (cause instanceof SMTPSendFailedException sendFailed) {
                code = sendFailed.getReturnCode();
            } else if (cause instanceof SMTPAddressFailedException addressFailed) {
                code = addressFailed.getReturnCode();
            }
        }
        return code == null ? DeliveryOutcome.failed(delivery, error)
                : DeliveryOutcome.failed(delivery, code, DeliveryOutcomes.describe(error), RetryableFailures.smtpReply(code));
    }

    private String endpointUri(EndpointConfiguration configuration) {
        SmtpSettings settings = (SmtpSettings) configuration.settings();
        // port 465 is SMTP over TLS from the first byte; elsewhere use_tls means STARTTLS, required
        String scheme = settings.useTls() && settings.port() == 465 ? "smtps" : "smtp";
        ReceiverTimeouts timeouts = this.timeouts.of(configuration);
        String fingerprint = String.join("\n", settings.host(), Integer.toString(settings.port()), settings.from(),
                settings.to(), String.valueOf(settings.username()), String.valueOf(settings.password()),
                Boolean.toString(settings.useTls()), Boolean.toString(configuration.verifyTls()), timeouts.toString());
        return endpoints.uriFor(scheme, fingerprint, created -> configure(((MailEndpoint) created).getConfiguration(),
                scheme, settings, configuration.verifyTls(), timeouts));
    }

    private static void configure(MailConfiguration mail, String scheme, SmtpSettings settings, boolean verifyTls,
            ReceiverTimeouts timeouts) {
        mail.setHost(settings.host());
        mail.setPort(settings.port());
        mail.setFrom(settings.from());
        mail.setTo(settings.to());
        if (settings.username() != null && !settings.username().isEmpty()) {
            mail.setUsername(settings.username());
            mail.setPassword(settings.password());
        }
        mail.setContentType("text/html; charset=UTF-8");
        // camel-mail gives its connection timeout to connecting and to reading; reading the server's
        // replies and writing the mail get the response timeout instead (keys of the scheme: smtps
        // reads mail.smtps.*)
        mail.setConnectionTimeout((int) timeouts.connect().toMillis());
        Properties javaMail = new Properties();
        javaMail.put("mail." + scheme + ".timeout", Long.toString(timeouts.response().toMillis()));
        javaMail.put("mail." + scheme + ".writetimeout", Long.toString(timeouts.response().toMillis()));
        if (settings.useTls()) {
            javaMail.put("mail.smtp.starttls.enable", "true");
            javaMail.put("mail.smtp.starttls.required", "true");
            javaMail.put("mail." + scheme + ".ssl.checkserveridentity", Boolean.toString(verifyTls));
            if (!verifyTls) {
                javaMail.put("mail." + scheme + ".ssl.trust", "*");
            }
        }
        mail.setAdditionalJavaMailProperties(javaMail);
    }
}
