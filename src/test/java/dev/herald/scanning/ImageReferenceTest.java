package dev.herald.scanning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            "alpine,                              docker.io,          library/alpine,   latest",
            "alpine:3.19,                         docker.io,          library/alpine,   3.19",
            "acme/api:1.4,                        docker.io,          acme/api,         1.4",
            "docker.io/alpine,                    docker.io,          library/alpine,   latest",
            "index.docker.io/library/alpine:3,    docker.io,          library/alpine,   3",
            "ghcr.io/acme/team/api:v2.0.1,        ghcr.io,            acme/team/api,    v2.0.1",
            "localhost/api,                       localhost,          api,              latest",
            "localhost:5000/acme/api:7,           localhost:5000,     acme/api,         7",
            "registry.example:5000/api,           registry.example:5000, api,           latest",
            "Registry/api:1,                      Registry,           api,              1"})
    void referencesAreNormalisedAsDockerDoes(String text, String registry, String repository, String tag) {
        ImageReference reference = ImageReference.parse(text);

        assertThat(reference).isEqualTo(new ImageReference(registry, repository, tag, null));
        assertThat(reference.tagged()).isEqualTo(registry + "/" + repository + ":" + tag);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"alpine@", "alpine:3.19@"})
    void aDigestComesAfterTheNameAndTag(String prefix) {
        ImageReference reference = ImageReference.parse(prefix + DIGEST);

        assertThat(reference.digest()).isEqualTo(DIGEST);
        assertThat(reference.repository()).isEqualTo("library/alpine");
        // a reference pinned by digest alone names no tag: Docker does not add latest then
        assertThat(reference.tag()).isEqualTo(prefix.contains(":") ? "3.19" : null);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", " ", "Acme/API:1", "alpine:", "alpine:-x", "alpine@sha256:abc", "alpine@md5",
            "a//b", "/alpine", "ghcr.io/acme/api:1.4:5", "ＡＢＣ", "acme/api:1 4", "'; DROP TABLE events; --"})
    void referencesDockerRefusesAreRefused(String text) {
        assertThatThrownBy(() -> ImageReference.parse(text)).isInstanceOf(ImageReference.InvalidReference.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sha256:abc", "sha256:ABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB", "md5",
            "sha256:" + "g", "sha256:" + "0123456789abcdef0123456789abcdef0"})
    void aSha256DigestIs64LowerCaseHexDigits(String digest) {
        assertThat(ImageReference.problemWithDigest(digest)).isPresent();
        assertThat(ImageReference.problemWithDigest(DIGEST)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x", "ab"})
    void aRepositoryWithItsRegistryIsAtMost255Characters(String unit) {
        String repository = unit.repeat(255 / unit.length());
        assertThatThrownBy(() -> ImageReference.normalised("ghcr.io", repository, "1", null))
                .isInstanceOf(ImageReference.InvalidReference.class)
                .hasMessageContaining("255");
    }
}
