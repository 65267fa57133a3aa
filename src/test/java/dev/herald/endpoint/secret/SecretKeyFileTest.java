package dev.herald.endpoint.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.support.CapturedLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeyFileTest {

    @TempDir
    Path folder;

    @Test
    void aKeyIsGeneratedOnceIntoAFileOnlyItsOwnerCanReadAndWrite() throws Exception {
        Path dataDirectory = folder.resolve("data");

        SecretKey generated = SecretKeyFile.loadOrCreate(dataDirectory);

        Path file = dataDirectory.resolve("secret.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readAllLines(file)).singleElement()
                .satisfies(line -> assertThat(Base64.getDecoder().decode(line)).isEqualTo(generated.getEncoded()));
        assertThat(generated.getEncoded()).hasSize(32);
    }

    @Test
    void theGeneratedKeyIsReusedOnLaterStarts() throws Exception {
        SecretKey first = SecretKeyFile.loadOrCreate(folder);
        String written = Files.readString(folder.resolve("secret.key"));

        SecretKey again = SecretKeyFile.loadOrCreate(folder);

        assertThat(again.getEncoded()).isEqualTo(first.getEncoded());
        assertThat(Files.readString(folder.resolve("secret.key"))).isEqualTo(written);
    }

    @Test
    void anotherDataDirectoryGetsAnotherKey() {
        SecretKey one = SecretKeyFile.loadOrCreate(folder.resolve("one"));
        SecretKey other = SecretKeyFile.loadOrCreate(folder.resolve("other"));

        assertThat(one.getEncoded()).isNotEqualTo(other.getEncoded());
    }

    @Test
    void aFileThatHoldsNoKeyIsRefusedWithoutShowingWhatItHolds() throws Exception {
        Path file = folder.resolve("secret.key");
        Files.writeString(file, "dGhpcyBpcyBzaG9ydA==\n");

        assertThatThrownBy(() -> SecretKeyFile.loadOrCreate(folder))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("base64 of 32 bytes")
                .hasMessageNotContaining("dGhpcyBpcyBzaG9ydA");
    }

    @Test
    void aKeyFileOthersCanReadIsUsedWithAWarning() throws Exception {
        SecretKey generated = SecretKeyFile.loadOrCreate(folder);
        Path file = folder.resolve("secret.key");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        try (CapturedLog log = new CapturedLog()) {
            assertThat(SecretKeyFile.loadOrCreate(folder).getEncoded()).isEqualTo(generated.getEncoded());
            assertThat(log.text()).contains(file.toString(), "chmod 600");
        }
    }
}
