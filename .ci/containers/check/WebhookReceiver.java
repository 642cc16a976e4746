import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A merchant's webhook endpoint for the compose check, over HTTPS as merchants' are: keeps every POST, shows them all
 * at GET /received. Arguments: the port, a PKCS#12 key store and its password.
 */
public class WebhookReceiver {

    public static void main(String[] args) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (FileInputStream file = new FileInputStream(args[1])) {
            keys.load(file, args[2].toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, args[2].toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        List<String> received = new CopyOnWriteArrayList<>();
        HttpsServer server = HttpsServer.create(new InetSocketAddress(Integer.parseInt(args[0])), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
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
