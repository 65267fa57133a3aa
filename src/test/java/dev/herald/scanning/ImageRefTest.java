package dev.herald.scanning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Image references read by Docker's rules. */
class ImageRefTest {

    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @ParameterizedTest
    @CsvSource(nullValues = "null", textBlock = """
            docker.io/acme/api:1.0,                 docker.io,            acme/api,          1.0,    null
            acme/api:1.0,                           docker.io,            acme/api,          1.0,    null
            nginx,                                  docker.io,            library/nginx,     latest, null
            nginx:1.27-alpine,                      docker.io,            library/nginx,     1.27-alpine, null
            docker.io/nginx,                        docker.io,            library/nginx,     latest, null
            index.docker.io/library/nginx:1,        docker.io,            library/nginx,     1,      null
            Docker.IO/acme/api,                     docker.io,            acme/api,          latest, null
            quay.io/other/x,                        quay.io,              other/x,           latest, null
            quay.io/other/x:v2,                     quay.io,              other/x,           v2,     null
            localhost/app,                          localhost,            app,               latest, null
            localhost:5000/team/app:dev,            localhost:5000,       team/app,          dev,    null
            registry.example.com:8443/a/b/c:1.2.3,  registry.example.com:8443, a/b/c,        1.2.3,  null
            ghcr.io/acme/api@DIGEST,                ghcr.io,              acme/api,          '',     DIGEST
            ghcr.io/acme/api:1.0@DIGEST,            ghcr.io,              acme/api,          1.0,    DIGEST
            alpine@DIGEST,                          docker.io,            library/alpine,    '',     DIGEST
            """)
    void aReferenceIsReadAsDockerReadsIt(String reference, String registry, String repository, String tag, String digest) {
        String fullDigest = "DIGEST".equals(digest) ? DIGEST : digest;

        assertThat(ImageRef.parse(reference.replace("DIGEST", DIGEST)))
                .contains(new ImageRef(registry, repository, tag, fullDigest));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"acme api:1.0", "docker.io/acme/api:", "docker.io/acme/api:bad tag", "acme/api@sha256:short",
            "acme/api@nodigest", "/acme/api", "acme//api", "docker.io/", ":1.0", "acme/api:1.0:2.0", "quay.io/x\ny"})
    void textThatIsNoReferenceNamesNoImage(String reference) {
        assertThat(ImageRef.parse(reference)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", textBlock = """
            docker.io,       nginx,     null,  null,   docker.io, library/nginx, latest
            index.docker.io, acme/api,  1.0,   null,   docker.io, acme/api,      1.0
            QUAY.IO,         other/x,   null,  DIGEST, quay.io,   other/x,       ''
            """)
    void partsAsAScannerReportsThemAreNormalisedTheSameWay(String registry, String repository, String tag, String digest,
            String normalRegistry, String normalRepository, String normalTag) {
        String fullDigest = "DIGEST".equals(digest) ? DIGEST : digest;

        assertThat(ImageRef.of(registry, repository, tag, fullDigest))
                .isEqualTo(new ImageRef(normalRegistry, normalRepository, normalTag, fullDigest));
    }
}
