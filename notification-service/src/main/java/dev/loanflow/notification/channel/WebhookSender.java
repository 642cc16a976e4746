package dev.loanflow.notification.channel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** POSTs signed webhooks to merchants: no redirects followed, a time-out, and only to addresses the policy allows. */
public final class WebhookSender {

    private final HttpClient http;
    private final Duration timeout;
    private final CallbackAddressPolicy policy;
    private final Map<String, String> secretsByMerchant;
    private final String defaultSecret;
    private final Clock clock;

    public WebhookSender(Duration timeout, CallbackAddressPolicy policy, Map<String, String> secretsByMerchant,
                         String defaultSecret, Clock clock) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.policy = policy;
        this.secretsByMerchant = secretsByMerchant == null ? Map.of() : Map.copyOf(secretsByMerchant);
        this.defaultSecret = defaultSecret;
        this.clock = clock;
    }

    public SendResult send(String merchantId, String url, String webhookId, String body) {
        Optional<String> refused = policy.refusal(url);
        if (refused.isPresent()) {
            return SendResult.failed("refused: " + refused.get());
        }
        long timestamp = clock.instant().getEpochSecond();
        String secret = secretsByMerchant.getOrDefault(merchantId, defaultSecret);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", WebhookSignature.sign(secret, webhookId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return SendResult.ofHttpStatus(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return SendResult.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.retry("interrupted");
        }
    }
}
