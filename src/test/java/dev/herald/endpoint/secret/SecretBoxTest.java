package dev.herald.endpoint.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final String SECRET = "s3cr3t-t0ken/with?query=and ünïcode";
    private static final String CONTEXT = "configuration/5d2c8a1e-0000-4000-8000-000000000001";

    private final SecretBox box = new SecretBox(randomKey());

    @Test
    void aSecretComesBackFromItsEncryptedForm() {
        String sealed = box.encrypt(SECRET, CONTEXT);

        assertThat(sealed).startsWith("enc:v1:").doesNotContain(SECRET);
        assertThat(SecretBox.isEncrypted(sealed)).isTrue();
        assertThat(box.decrypt(sealed, CONTEXT)).isEqualTo(SECRET);
    }

    @Test
    void theFormIsVersionedBase64OfIvCiphertextAndTag() {
        byte[] sealed = Base64.getDecoder().decode(box.encrypt(SECRET, CONTEXT).substring("enc:v1:".length()));

        // 12-byte IV, the UTF-8 bytes of the secret (GCM adds no padding), 16-byte tag
        assertThat(sealed).hasSize(12 + SECRET.getBytes(StandardCharsets.UTF_8).length + 16);
    }

    @Test
    void eachEncryptionUsesAFreshIv() {
        String first = box.encrypt(SECRET, CONTEXT);
        String second = box.encrypt(SECRET, CONTEXT);

        assertThat(first).isNotEqualTo(second);
        assertThat(iv(first)).isNotEqualTo(iv(second));
        assertThat(box.decrypt(second, CONTEXT)).isEqualTo(SECRET);
    }

    @Test
    void aTamperedCiphertextIsRejected() {
        String sealed = box.encrypt(SECRET, CONTEXT);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring("enc:v1:".length()));
        bytes[14] ^= 0x01;
        String tampered = "enc:v1:" + Base64.getEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> box.decrypt(tampered, CONTEXT)).isInstanceOf(SecretUnreadableException.class);
    }

    @Test
    void aTruncatedOrGarbledValueIsRejected() {
        String sealed = box.encrypt(SECRET, CONTEXT);

        assertThatThrownBy(() -> box.decrypt(sealed.substring(0, sealed.length() - 4), CONTEXT))
                .isInstanceOf(SecretUnreadableException.class);
        assertThatThrownBy(() -> box.decrypt("enc:v1:AAAA", CONTEXT)).isInstanceOf(SecretUnreadableException.class);
        assertThatThrownBy(() -> box.decrypt("enc:v1:not base64!", CONTEXT)).isInstanceOf(SecretUnreadableException.class);
        assertThatThrownBy(() -> box.decrypt(SECRET, CONTEXT)).isInstanceOf(SecretUnreadableException.class);
    }

    @Test
    void anotherKeyCannotDecrypt() {
        String sealed = box.encrypt(SECRET, CONTEXT);

        assertThatThrownBy(() -> new SecretBox(randomKey()).decrypt(sealed, CONTEXT))
                .isInstanceOf(SecretUnreadableException.class)
                .hasMessageNotContaining(sealed);
    }

    @Test
    void aCiphertextMovedToAnotherContextIsRejected() {
        String sealed = box.encrypt(SECRET, CONTEXT);

        assertThatThrownBy(() -> box.decrypt(sealed, "configuration/another-uuid"))
                .isInstanceOf(SecretUnreadableException.class);
    }

    @Test
    void plaintextIsNotTakenForEncrypted() {
        assertThat(SecretBox.isEncrypted("hunter2")).isFalse();
        assertThat(SecretBox.isEncrypted("https://hooks.slack.com/services/T0/B0/x")).isFalse();
        assertThat(SecretBox.isEncrypted(null)).isFalse();
    }

    @Test
    void aKeyIsThirtyTwoBytes() {
        assertThatThrownBy(() -> SecretBox.key(new byte[16])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
    }

    private static String iv(String sealed) {
        byte[] bytes = Base64.getDecoder().decode(sealed.substring("enc:v1:".length()));
        return Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, 12));
    }

    private static SecretKey randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return SecretBox.key(key);
    }
}
