package dev.loanflow.simulator.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/** A real HTTP endpoint on loopback that records the bank's callbacks. */
final class CallbackReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    CallbackReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/callback", exchange -> {
            received.add(BankApiClient.JSON.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
    }

    List<JsonNode> forReference(String referenceId) {
        return received.stream().filter(body -> body.path("referenceId").asText().equals(referenceId)).toList();
    }

    /** Waits until the given number of callbacks for the reference arrived, then returns them. */
    List<JsonNode> await(String referenceId, int count, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (forReference(referenceId).size() < count && System.nanoTime() < deadline) {
            sleep(50);
        }
        return forReference(referenceId);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
