package dev.herald.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The REST binding's JSON format. Answers are written with Herald's ObjectMapper. Request bodies
 * are passed on as text, not parsed: the binding runs before the route, and parsing must wait
 * until the caller is authenticated and the Content-Type checked, so that a stranger gets 401 and a
 * form post 415 rather than a JSON syntax error. {@link ApiRequest#body()} parses them.
 */
final class RestJsonFormat extends ServiceSupport implements DataFormat {

    /** The name the REST configuration refers to; the factory is registered under it plus Camel's suffix. */
    static final String NAME = "herald-json";

    private final ObjectMapper json;

    RestJsonFormat(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void marshal(Exchange exchange, Object graph, OutputStream stream) throws Exception {
        json.writeValue(stream, graph);
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) throws Exception {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    }
}
