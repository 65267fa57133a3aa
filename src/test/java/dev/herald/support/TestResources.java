package dev.herald.support;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Folders of src/test/resources found on the test classpath, so no test depends on the working directory or on anything outside the repository. */
public final class TestResources {

    private TestResources() {
    }

    /** The folder at {@code name} (relative to the classpath root), as a file-system path. */
    public static Path folder(String name) {
        URL url = TestResources.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("no " + name + " on the test classpath (src/test/resources/" + name + ")");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url + " is not a file-system path", e);
        }
    }
}
