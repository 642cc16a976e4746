import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/** A merchant's webhook endpoint for the compose check: keeps every POST, shows them all at GET /received. */
public class WebhookReceiver {

    public static void main(String[] args) throws IOException {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(args[0])), 0);
        server.createContext("/", exchange -> {
            byte[] answer = new byte[0];
            if ("POST".equals(exchange.getRequestMethod())) {
                received.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("webhook-id")
                        + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            } else if (exchange.getRequestURI().getPath().equals("/received")) {
                answer = String.join("\n", received).getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }
}
