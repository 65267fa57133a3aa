import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A webhook receiver for trying Herald out: prints every request it gets and answers 200.
 * Needs only a JDK: {@code java examples/WebhookListener.java 9000}
 */
public class WebhookListener {

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9000;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            System.out.println(exchange.getRequestMethod() + " " + exchange.getRequestURI()
                    + "  webhook-id=" + exchange.getRequestHeaders().getFirst("webhook-id")
                    + "  X-Herald-Event-Id=" + exchange.getRequestHeaders().getFirst("X-Herald-Event-Id"));
            System.out.println(body);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        System.out.println("Listening on http://127.0.0.1:" + port + "/");
    }
}
