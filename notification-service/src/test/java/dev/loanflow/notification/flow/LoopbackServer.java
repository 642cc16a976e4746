package dev.loanflow.notification.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that records requests and answers each path with the status it is told, or not
 * before it is let go.
 */
final class LoopbackServer {

    record Received(String path, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statusByPath = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> heldPaths = new ConcurrentHashMap<>();
    private final Map<String, Duration> slowPaths = new ConcurrentHashMap<>();

    LoopbackServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            CountDownLatch held = heldPaths.get(path);
            try {
                Thread.sleep(slowPaths.getOrDefault(path, Duration.ZERO).toMillis());
                if (held != null && !held.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("a held request was never let go");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(statusByPath.getOrDefault(path, 200), -1);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void answer(String path, int status) {
        statusByPath.put(path, status);
    }

    /** Requests to the path are recorded at once and answered after this long. */
    void slow(String path, Duration each) {
        slowPaths.put(path, each);
    }

    /** Requests to the path are recorded at once but answered only once the returned latch counts down. */
    CountDownLatch hold(String path) {
        CountDownLatch letGo = new CountDownLatch(1);
        heldPaths.put(path, letGo);
        return letGo;
    }

    List<Received> at(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }
}
