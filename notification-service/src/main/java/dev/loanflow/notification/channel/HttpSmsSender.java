package dev.loanflow.notification.channel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A generic SMS provider API: POST {sender, recipient, text} with an API key, 2xx meaning accepted. */
public final class HttpSmsSender implements SmsSender {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI url;
    private final String apiKey;
    private final String sender;
    private final ObjectMapper json;

    public HttpSmsSender(String url, String apiKey, String sender, ObjectMapper json) {
        this.url = URI.create(url);
        this.apiKey = apiKey;
        this.sender = sender;
        this.json = json;
    }

    @Override
    public SendResult send(String gsmNumber, String text) {
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + apiKey)
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
                            Map.of("sender", sender, "recipient", "+90" + gsmNumber, "text", text))))
                    .build();
            return SendResult.ofHttpStatus(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (JsonProcessingException e) {
            return SendResult.failed("could not write the request");
        } catch (IOException e) {
            return SendResult.retry(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.retry("interrupted");
        }
    }
}
