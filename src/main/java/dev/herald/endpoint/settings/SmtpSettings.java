package dev.herald.endpoint.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.validation.JsonInput;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Email through an SMTP server.
 *
 * @param to     one address or a comma-separated list
 * @param useTls STARTTLS (Anchore's default: true)
 */
@Schema(name = "SmtpFields", description = "The fields of an smtp (email) configuration")
public record SmtpSettings(
        @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "SMTP server host name or IP address") String host,
        @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "SMTP server port, 1 to 65535", example = "587") int port,
        @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "The from address of the mails") String from,
        @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "The address the mails are sent to, or a comma-separated list") String to,
        @Schema(description = "User name to log in to the SMTP server with, if it asks for one") String username,
        @Schema(description = "Password to log in with. "
                        + Secrets.SECRET_NOTE, format = "password",
                extensions = @Extension(properties = @ExtensionProperty(name = "secret", value = "true", parseValue = true)))
        String password,
        @Schema(description = "STARTTLS; true unless set") @JsonProperty("use_tls") boolean useTls,
        @Schema(description = MessageTemplates.TITLE_DESCRIPTION) @JsonProperty("title_template") String titleTemplate,
        @Schema(description = MessageTemplates.TEXT_DESCRIPTION) @JsonProperty("text_template") String textTemplate)
        implements EndpointSettings, MessageTemplates {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]+\\]");
    /** Deliberately plain: one @, no spaces, commas or line breaks (a line break would inject mail headers). */
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s,<>\"]+@[^@\\s,<>\"]+");

    public static SmtpSettings read(JsonInput input, SmtpSettings stored) {
        String host = input.requiredText("host", 253);
        if (host != null && !host.isBlank() && !HOST.matcher(host).matches()) {
            input.reject(input.field("host"), "must be a host name or an IP address");
        }
        Integer port = input.requiredInt("port", 1, 65535);
        String from = input.requiredText("from", 320);
        if (from != null && !from.isBlank() && !ADDRESS.matcher(from).matches()) {
            input.reject(input.field("from"), "must be one email address");
        }
        String to = input.requiredText("to", 4096);
        if (to != null && !to.isBlank()) {
            for (String address : to.split(",")) {
                if (!ADDRESS.matcher(address.trim()).matches()) {
                    input.reject(input.field("to"), "must be an email address or a comma-separated list of them");
                    break;
                }
            }
        }
        Boolean useTls = input.optionalBoolean("use_tls");
        return new SmtpSettings(
                host,
                port == null ? 0 : port,
                from,
                to,
                input.optionalText("username", 255),
                Secrets.read(input, "password", 1024, stored == null ? null : stored.password(), false),
                useTls == null || useTls,
                MessageTemplates.read(input, "title_template"), MessageTemplates.read(input, "text_template"));
    }

    @Override
    public SmtpSettings masked() {
        return new SmtpSettings(host, port, from, to, username, Secrets.mask(password), useTls, titleTemplate, textTemplate);
    }

    @Override
    public SmtpSettings withSecrets(UnaryOperator<String> transform) {
        return new SmtpSettings(host, port, from, to, username, Secrets.map(password, transform), useTls, titleTemplate, textTemplate);
    }

    @Override
    public List<String> sensitiveTexts() {
        return Secrets.present(password);
    }

    @Override
    public String toString() {
        return Secrets.describe(this);
    }
}
