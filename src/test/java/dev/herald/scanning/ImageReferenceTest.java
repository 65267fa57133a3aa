package dev.herald.scanning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            "alpine,                              docker.io,          library/alpine,   latest",
            "alpine:3.19,                         docker.io,          library/alpine,   3.19",
            "nginx:1.27-alpine,                   docker.io,          library/nginx,    1.27-alpine",
            "acme/api:1.4,                        docker.io,          acme/api,         1.4",
            "docker.io/alpine,                    docker.io,          library/alpine,   latest",
            "index.docker.io/library/alpine:3,    docker.io,          library/alpine,   3",
            "registry-1.docker.io/acme/api:1,     docker.io,          acme/api,         1",
            "registry.hub.docker.com/nginx,       docker.io,          library/nginx,    latest",
            "Docker.IO/acme/api,                  docker.io,          acme/api,         latest",
            "ghcr.io/acme/team/api:v2.0.1,        ghcr.io,            acme/team/api,    v2.0.1",
            "Quay.IO/other/x:v2,                  quay.io,            other/x,          v2",
            "localhost/api,                       localhost,          api,              latest",
            "LOCALHOST/api,                       localhost,          api,              latest",
            "localhost:5000/acme/api:7,           localhost:5000,     acme/api,         7",
            "registry.example:5000/api,           registry.example:5000, api,           latest",
            "Registry.Example.com:8443/a/b/c:1.2.3, registry.example.com:8443, a/b/c,   1.2.3",
            // a dotless host is a registry only by its upper case: lower-cased it would name a Docker Hub repository
            "Registry/api:1,                      Registry,           api,              1"})
    void referencesAreNormalisedAsDockerDoes(String text, String registry, String repository, String tag) {
        ImageReference reference = ImageReference.parse(text);

        assertThat(reference).isEqualTo(new ImageReference(registry, repository, tag, null));
        assertThat(reference.tagged()).isEqualTo(registry + "/" + repository + ":" + tag);
        assertThat(ImageReference.parse(reference.tagged())).as("the resource id reads back").isEqualTo(reference);
        assertThat(ImageReference.tryParse(text)).contains(reference);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"alpine@", "alpine:3.19@"})
    void aDigestComesAfterTheNameAndTag(String prefix) {
        ImageReference reference = ImageReference.parse(prefix + DIGEST);

        assertThat(reference.digest()).isEqualTo(DIGEST);
        assertThat(reference.repository()).isEqualTo("library/alpine");
        // a reference pinned by digest alone names no tag: Docker does not add latest then
        assertThat(reference.tag()).isEqualTo(prefix.contains(":") ? "3.19" : null);
        assertThat(reference.toString()).isEqualTo("docker.io/library/" + prefix + DIGEST);
        assertThat(ImageReference.parse(reference.toString())).isEqualTo(reference);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", " ", "Acme/API:1", "alpine:", "alpine:-x", "alpine@sha256:abc", "alpine@md5",
            "a//b", "/alpine", "ghcr.io/acme/api:1.4:5", "ＡＢＣ", "acme/api:1 4", "'; DROP TABLE events; --",
            "acme api:1.0", "docker.io/acme/api:bad tag", "acme/api@nodigest", "docker.io/", ":1.0", "quay.io/x\ny"})
    void referencesDockerRefusesAreRefused(String text) {
        assertThatThrownBy(() -> ImageReference.parse(text)).isInstanceOf(ImageReference.InvalidReference.class);
        assertThat(ImageReference.tryParse(text)).as("leniently: no image").isEmpty();
    }

    @Test
    void noTextIsNoImage() {
        assertThat(ImageReference.tryParse(null)).isEmpty();
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

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource(nullValues = "-", value = {
            "-,               nginx,     -,    -,      docker.io, library/nginx, latest",
            "docker.io,       nginx,     -,    -,      docker.io, library/nginx, latest",
            "index.docker.io, acme/api,  1.0,  -,      docker.io, acme/api,      1.0",
            "QUAY.IO,         other/x,   -,    DIGEST, quay.io,   other/x,       -",
            "QUAY.IO,         other/x,   v2,   DIGEST, quay.io,   other/x,       v2"})
    void partsAsAScannerOrAnEventGivesThemAreNormalisedAlike(String registry, String repository, String tag, String digest,
            String normalRegistry, String normalRepository, String normalTag) {
        String fullDigest = "DIGEST".equals(digest) ? DIGEST : null;
        ImageReference expected = new ImageReference(normalRegistry, normalRepository, normalTag, fullDigest);

        assertThat(ImageReference.normalised(registry, repository, tag, fullDigest)).isEqualTo(expected);
        if (registry != null) {
            assertThat(ImageReference.described(registry, repository, tag, fullDigest)).isEqualTo(expected);
        }
    }

    @Test
    void anEventsImageIsTakenAsGivenWhereAReportsIsRefused() {
        assertThat(ImageReference.described("Quay.io", "Other/X", "not a tag", "sha256:abc"))
                .isEqualTo(new ImageReference("quay.io", "Other/X", "not a tag", "sha256:abc"));
        assertThatThrownBy(() -> ImageReference.normalised("quay.io", "Other/X", "1", null))
                .isInstanceOf(ImageReference.InvalidReference.class)
                .hasMessage("has a repository that is not lower-case letters, digits and separators ('.', '_', '-', '/')");
        assertThatThrownBy(() -> ImageReference.normalised("quay.io", "other/x", "not a tag", null))
                .isInstanceOf(ImageReference.InvalidReference.class).hasMessageStartingWith("has a tag that");
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({
            "docker.io,               nginx,       docker.io,        library/nginx",
            "Index.Docker.IO,         acme/api,    docker.io,        acme/api",
            "registry-1.docker.io,    nginx,       docker.io,        library/nginx",
            "registry.hub.docker.com, nginx,       docker.io,        library/nginx",
            "QUAY.io,                 nginx,       quay.io,          nginx",
            "LocalHost:5000,          app,         localhost:5000,   app",
            "Registry,                api,         Registry,         api"})
    void alertPatternsAreNormalisedAsImagesAre(String registry, String repository, String normalRegistry,
            String normalRepository) {
        assertThat(ImageReference.normalRegistry(registry)).isEqualTo(normalRegistry);
        assertThat(ImageReference.normalRepository(normalRegistry, repository)).isEqualTo(normalRepository);
    }
}
