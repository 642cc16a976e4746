package dev.loanflow.simulator.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A plain HTTP client for the simulator, as an integrating merchant would use it. */
final class BankApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    BankApiClient(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    record Response(int status, JsonNode body) {
    }

    String authenticate() {
        Response response = post("/loans/authenticate", null, """
                {"username":"sandbox","password":"sandbox","merchantNo":4003,"apiSecretKey":"sandbox-secret"}""");
        return response.body().get("token").asText();
    }

    Response post(String path, String token, String json) {
        return send(request(path, token, Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response put(String path, String json) {
        return send(request(path, null, Duration.ofSeconds(30)).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response delete(String path) {
        return send(request(path, null, Duration.ofSeconds(30)).DELETE());
    }

    Response get(String path, String token) {
        return send(request(path, token, Duration.ofSeconds(30)).GET());
    }

    Response postWithTimeout(String path, String token, String json, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(path, token, timeout)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), parse(response.body()));
    }

    private HttpRequest.Builder request(String path, String token, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Content-Type", "application/json");
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) throws IOException {
        return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
    }
}
