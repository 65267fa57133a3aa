package dev.herald.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.ApiTestBase;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How Herald serves the console on the API's port, without a browser: the redirect from /, content
 * types, the Content-Security-Policy on every file, nothing outside the console's folder, and files
 * that load nothing from elsewhere and hold no inline script.
 */
class ConsoleServerTest extends ApiTestBase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path SOURCES = Path.of("src", "main", "resources", "console");

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(herald.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @CsvSource({"/", "/console"})
    void theRootAndTheBareFolderRedirectToTheConsole(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/console/");
    }

    @ParameterizedTest
    @CsvSource({
        "/console/, text/html",
        "/console/index.html, text/html",
        "/console/console.css, text/css",
        "/console/js/main.js, text/javascript",
    })
    void everyFileHasItsContentTypeAndTheSecurityHeaders(String path, String contentType) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(contentType));
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(ConsoleServer.CONTENT_SECURITY_POLICY);
        assertThat(ConsoleServer.CONTENT_SECURITY_POLICY).contains("script-src 'self';").doesNotContain("unsafe");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    /** A path naming something else is refused before any route (400), as on every path; a missing file is 404. */
    @ParameterizedTest
    @CsvSource({"/console/../application.properties, 400", "/console/%2e%2e/application.properties, 400",
        "/console/..%2fpom.xml, 400", "/console/nothing-here.js, 404"})
    void nothingOutsideTheConsoleIsServed(String path, int status) throws Exception {
        assertThat(get(path).statusCode()).isEqualTo(status);
    }

    @Test
    void theApiStillAnswersBesideTheConsole() throws Exception {
        assertThat(get("/v2/user").statusCode()).isEqualTo(401);
        assertThat(get("/observe/health").statusCode()).isEqualTo(200);
    }

    /** No CDN, no inline script or handler, no HTML built from strings: the CSP and the text-only rule hold. */
    @Test
    void theFilesLoadNothingFromElsewhereAndNeverWriteHtml() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSizeGreaterThan(5);
        Pattern forbidden = Pattern.compile("(src|href)=[\"']?(https?:)?//|from\\s+['\"]https?:|url\\(\\s*['\"]?https?:|@import|innerHTML|outerHTML|insertAdjacentHTML|document\\.write|eval\\(|new Function|localStorage|\\son[a-z]+=\"");
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(forbidden.matcher(text).results().map(m -> m.group()).toList()).as(file.toString()).isEmpty();
        }
        String index = Files.readString(SOURCES.resolve("index.html"));
        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(index).find()).as("inline script in index.html").isFalse();
        try (InputStream served = getClass().getResourceAsStream("/console/index.html")) {
            assertThat(served).as("index.html on the classpath").isNotNull();
        }
    }
}
