package dev.loanflow.notification.channel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs signed webhooks to merchants: no redirects followed, a time-out, and only to addresses the policy allows. The
 * connection is made to the addresses the policy resolved and checked, never to a second resolution of the name.
 */
public final class WebhookSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final CloseableHttpClient http;
    private final CallbackAddressPolicy policy;
    private final Map<String, String> secretsByMerchant;
    private final Set<String> toldWithoutSecret = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private final Duration timeout;

    /** @param secretsByMerchant each merchant's own signing secret; a merchant without one gets no webhooks */
    public WebhookSender(Duration timeout, CallbackAddressPolicy policy, Map<String, String> secretsByMerchant,
                         Clock clock) {
        this.timeout = timeout;
        Timeout limit = Timeout.of(timeout);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedResolver(policy))
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit).build())
                        .setMaxConnTotal(64).setMaxConnPerRoute(8)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
        this.policy = policy;
        this.secretsByMerchant = Map.copyOf(secretsByMerchant);
        this.clock = clock;
    }

    /** The longest one webhook can take: connecting, then waiting for the answer. */
    public Duration longestSend() {
        return timeout.multipliedBy(2);
    }

    public SendResult send(String merchantId, String url, String webhookId, String body) {
        Optional<String> refused = policy.refusal(url);
        if (refused.isPresent()) {
            return SendResult.failed("refused: " + refused.get());
        }
        String secret = secretsByMerchant.get(merchantId);
        if (secret == null) {
            if (toldWithoutSecret.add(merchantId)) {
                log.error("merchant {} has no webhook secret, so it gets no webhooks: add it to WEBHOOK_SECRETS", merchantId);
            }
            return SendResult.failed("configuration: merchant " + merchantId + " has no webhook secret (WEBHOOK_SECRETS)");
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpPost request = new HttpPost(url);
        request.setHeader("webhook-id", webhookId);
        request.setHeader("webhook-timestamp", String.valueOf(timestamp));
        request.setHeader("webhook-signature", WebhookSignature.sign(secret, webhookId, timestamp, body));
        request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        try {
            return SendResult.ofHttpStatus(http.execute(request, response -> response.getCode()));
        } catch (CallbackAddressPolicy.RefusedAddress addressRefused) {
            return SendResult.failed("refused: " + addressRefused.getMessage());
        } catch (IOException e) {
            return SendResult.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    /** Every connection's addresses come from the policy, checked as they are resolved. */
    private record CheckedResolver(CallbackAddressPolicy policy) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return policy.resolve(host);
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return resolve(host)[0].getCanonicalHostName();
        }
    }
}
