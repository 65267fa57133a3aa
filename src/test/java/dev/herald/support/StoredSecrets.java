package dev.herald.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.endpoint.secret.SecretBox;
import java.util.Base64;
import org.jdbi.v3.core.Jdbi;

/**
 * What Herald stored for a configuration, read straight from endpoint_configurations: the settings
 * column as it is, and a secret field checked to be in the encrypted form and decrypted with the
 * key {@link HeraldInstance} gives every instance, bound to its configuration as Herald binds it.
 */
public final class StoredSecrets {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecretBox TEST_KEY = new SecretBox(SecretBox.key(Base64.getDecoder().decode(HeraldInstance.SECRET_KEY)));

    private StoredSecrets() {
    }

    /** The settings column of the configuration, as the database holds it. */
    public static String settingsColumn(Jdbi sql, String uuid) {
        return sql.withHandle(handle -> handle.createQuery("SELECT settings FROM endpoint_configurations WHERE uuid = ?")
                .bind(0, uuid).mapTo(String.class).one());
    }

    /** The secret in {@code field}, after checking it is stored encrypted; null when the field is not set. */
    public static String decrypted(Jdbi sql, String uuid, String field) {
        String settings = settingsColumn(sql, uuid);
        try {
            JsonNode value = JSON.readTree(settings).get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            assertThat(value.asText()).as("stored " + field).startsWith("enc:v1:");
            return TEST_KEY.decrypt(value.asText(), "configuration/" + uuid);
        } catch (JsonProcessingException e) {
            throw new AssertionError("stored settings are not JSON", e);
        }
    }
}
