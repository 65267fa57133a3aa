package dev.herald.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import dev.herald.endpoint.secret.SecretBox;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Herald's settings, read once at start through Camel's properties component, so each one can
 * come from application.properties, a system property or an environment variable.
 *
 * @param cycle             time between relay cycles ({@code herald.cycle-timers.notifications})
 * @param routes            where the YAML routes are loaded from
 * @param relayBatchSize    events claimed per relay transaction
 * @param dispatchInFlight  deliveries this process has in flight at most ({@code herald.dispatch.in-flight})
 * @param dispatchPerConfiguration deliveries of one configuration in flight at most ({@code herald.dispatch.per-configuration})
 * @param claimTimeout      how long a claim lasts beyond the longest its attempt may take, before another replica may take it
 * @param connectTimeout    HTTP connect timeout for outbound calls
 * @param responseTimeout   HTTP response timeout for outbound calls
 * @param allowPrivateTargets whether webhook, Slack, Teams, GitHub and Jira receivers may be at private addresses
 * @param maxBodySize       the largest API request body accepted, in bytes
 * @param adminPassword     password of the {@code admin} user, if configured
 * @param requireAuth       whether API requests need credentials ({@code herald.require-auth})
 * @param uiUrl             the link put in messages ({@code herald.ui-url}), if configured
 * @param templates         the operator's template directory ({@code herald.templates.directory}), if configured
 * @param dataDirectory     where Herald keeps its files ({@code herald.data-directory}): the generated secret key
 * @param secretKey         the key that encrypts stored secrets ({@code herald.secret-key}), if configured
 * @param dispatchInterval  time between dispatch passes for retries and paced deliveries ({@code herald.dispatch.interval})
 * @param maxAttempts       attempts at a delivery before it is dead ({@code herald.delivery.max-attempts})
 * @param maxAge            how long after its creation (or replay) a delivery is retried ({@code herald.delivery.max-age})
 * @param backoffBase       the ceiling of the first retry's random delay, doubled for each later one
 * @param backoffCap        the highest that ceiling goes
 * @param disableAfter      how long every attempt at a configuration's receiver may fail before it is
 *                          disabled ({@code herald.delivery.disable-after})
 * @param signingOverlap    how long a webhook's replaced signing secret keeps signing beside the new one
 *                          ({@code herald.webhook.signing-overlap})
 */
public record HeraldSettings(
        Duration cycle,
        String routes,
        int relayBatchSize,
        int dispatchInFlight,
        int dispatchPerConfiguration,
        Duration claimTimeout,
        Duration connectTimeout,
        Duration responseTimeout,
        boolean allowPrivateTargets,
        long maxBodySize,
        Optional<String> adminPassword,
        boolean requireAuth,
        Optional<String> uiUrl,
        Optional<Path> templates,
        Path dataDirectory,
        Optional<SecretKey> secretKey,
        Duration dispatchInterval,
        int maxAttempts,
        Duration maxAge,
        Duration backoffBase,
        Duration backoffCap,
        Duration disableAfter,
        Duration signingOverlap) {

    static final Duration SHORTEST_CYCLE = Duration.ofMillis(100);

    public static HeraldSettings from(PropertiesComponent properties) {
        Reader reader = new Reader(properties);
        return new HeraldSettings(
                reader.seconds("herald.cycle-timers.notifications", SHORTEST_CYCLE),
                reader.text("herald.routes"),
                reader.positiveInt("herald.relay.batch-size"),
                reader.positiveInt("herald.dispatch.in-flight"),
                reader.positiveInt("herald.dispatch.per-configuration"),
                reader.seconds("herald.dispatch.claim-timeout", Duration.ofSeconds(1)),
                reader.seconds("herald.http.connect-timeout", Duration.ofMillis(1)),
                reader.seconds("herald.http.response-timeout", Duration.ofMillis(1)),
                reader.bool("herald.http.allow-private-targets"),
                reader.positiveInt("herald.api.max-body-size"),
                properties.resolveProperty("herald.admin.password").filter(p -> !p.isBlank()),
                reader.bool("herald.require-auth"),
                properties.resolveProperty("herald.ui-url").filter(url -> !url.isBlank()).map(String::trim),
                properties.resolveProperty("herald.templates.directory").filter(dir -> !dir.isBlank())
                        .map(dir -> Path.of(dir.trim()).toAbsolutePath()),
                Path.of(reader.text("herald.data-directory").trim()).toAbsolutePath().normalize(),
                reader.secretKey("herald.secret-key"),
                reader.seconds("herald.dispatch.interval", SHORTEST_CYCLE),
                reader.positiveInt("herald.delivery.max-attempts"),
                reader.seconds("herald.delivery.max-age", Duration.ofSeconds(1)),
                reader.seconds("herald.delivery.backoff-base", Duration.ofMillis(1)),
                reader.seconds("herald.delivery.backoff-cap", Duration.ofMillis(1)),
                reader.seconds("herald.delivery.disable-after", Duration.ofMillis(1)),
                reader.seconds("herald.webhook.signing-overlap", Duration.ZERO));
    }

    /** Reads required settings and says which key is wrong when one is. */
    private record Reader(PropertiesComponent properties) {

        String text(String key) {
            return properties.resolveProperty(key)
                    .filter(value -> !value.isBlank())
                    .orElseThrow(() -> new IllegalArgumentException("Setting " + key + " is required"));
        }

        int positiveInt(String key) {
            String value = text(key).trim();
            try {
                int number = Integer.parseInt(value);
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("Setting " + key + " must be a positive whole number, not '" + value + "'");
        }

        boolean bool(String key) {
            String value = text(key).trim();
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(value);
            }
            throw new IllegalArgumentException("Setting " + key + " must be true or false, not '" + value + "'");
        }

        /** A key is 32 bytes in base64; a wrong one is refused without being echoed, since it is a secret. */
        Optional<SecretKey> secretKey(String key) {
            return properties.resolveProperty(key).filter(value -> !value.isBlank()).map(value -> {
                try {
                    return SecretBox.key(Base64.getDecoder().decode(value.strip()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Setting " + key + " must be the base64 of "
                            + SecretBox.KEY_BYTES + " random bytes (e.g. from: openssl rand -base64 32); "
                            + "the value given is not (it is not shown here, being a secret)");
                }
            });
        }

        Duration seconds(String key, Duration shortest) {
            String value = text(key).trim();
            try {
                Duration duration = Duration.ofNanos(new BigDecimal(value).movePointRight(9).longValueExact());
                if (duration.compareTo(shortest) >= 0) {
                    return duration;
                }
            } catch (NumberFormatException | ArithmeticException e) {
                // reported below
            }
            throw new IllegalArgumentException("Setting " + key + " must be a number of seconds of at least "
                    + shortest.toMillis() / 1000.0 + ", not '" + value + "'");
        }
    }
}
