package dev.herald.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Serves Swagger UI at {@code /api-doc/ui} from the org.webjars:swagger-ui jar on the classpath, so
 * the page works with no network. Herald's own page and initializer (in dev/herald/api/ui) replace
 * the WebJar's, which would load the petstore example from the internet.
 */
final class SwaggerUiFiles implements Processor {

    static final String PATH = "/api-doc/ui";
    private static final String OWN = "/dev/herald/api/ui/";
    /** One file of the WebJar's folder: no slashes, no "..". */
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)+");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=UTF-8",
            "js", "text/javascript; charset=UTF-8",
            "css", "text/css; charset=UTF-8",
            "png", "image/png");

    private final String webJar = "/META-INF/resources/webjars/swagger-ui/" + webJarVersion() + "/";

    @Override
    public void process(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        String uri = Objects.requireNonNullElse(message.getHeader(Exchange.HTTP_URI, String.class), PATH);
        String path = uri.split("\\?", 2)[0];
        String name = path.length() <= PATH.length() + 1 ? "index.html" : path.substring(PATH.length() + 1);
        String resource = switch (name) {
            case "index.html", "swagger-initializer.js" -> OWN + name;
            default -> FILE.matcher(name).matches() ? webJar + name : null;
        };
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        try (InputStream in = resource == null || type == null ? null : SwaggerUiFiles.class.getResourceAsStream(resource)) {
            message.removeHeaders("*");
            if (in == null) {
                message.setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
                message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=UTF-8");
                message.setBody("not found");
                return;
            }
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            message.setHeader(Exchange.CONTENT_TYPE, type);
            message.setBody(in.readAllBytes());
        }
    }

    /** The WebJar's version, from its Maven metadata, so upgrading it is a change to pom.xml only. */
    private static String webJarVersion() {
        try (InputStream in = SwaggerUiFiles.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            Properties properties = new Properties();
            properties.load(Objects.requireNonNull(in, "org.webjars:swagger-ui is not on the classpath"));
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
