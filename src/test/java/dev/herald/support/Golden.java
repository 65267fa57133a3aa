package dev.herald.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Golden files under src/test/resources/golden: what a message looks like, reviewed once and
 * compared on every run. Values that change from run to run (ids, accounts, ports) are replaced
 * by named tokens first. Run with {@code -Dherald.golden.update=true} to rewrite the files after a
 * deliberate change, then read the diff before committing it.
 */
public final class Golden {

    private static final Path ROOT = Path.of("src", "test", "resources", "golden");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Golden() {
    }

    /** Compares JSON structurally (field order and formatting aside). */
    public static void assertJson(String file, String actual, Map<String, String> tokens) {
        try {
            String normalised = JSON.writeValueAsString(JSON.readTree(replace(actual, tokens))) + "\n";
            compare(file, normalised, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compares text exactly, after the tokens are replaced. */
    public static void assertText(String file, String actual, Map<String, String> tokens) {
        compare(file, replace(actual, tokens), false);
    }

    private static String replace(String text, Map<String, String> tokens) {
        String replaced = text;
        for (Map.Entry<String, String> token : tokens.entrySet()) {
            replaced = replaced.replace(token.getKey(), "{" + token.getValue() + "}");
        }
        return replaced;
    }

    private static void compare(String file, String actual, boolean json) {
        Path path = ROOT.resolve(file);
        try {
            if (Boolean.getBoolean("herald.golden.update")) {
                Files.createDirectories(path.getParent());
                Files.writeString(path, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(path).as("golden file " + path + " (create it with -Dherald.golden.update=true)").exists();
            String expected = Files.readString(path, StandardCharsets.UTF_8);
            if (json) {
                assertThat(JSON.readTree(actual)).as("golden " + file).isEqualTo(JSON.readTree(expected));
            } else {
                assertThat(actual).as("golden " + file).isEqualTo(expected);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
