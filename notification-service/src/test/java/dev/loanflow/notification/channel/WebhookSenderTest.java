package dev.loanflow.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** Against a real HTTP server on the loopback interface, with names resolved by the test. */
class WebhookSenderTest {

    private static final InetAddress PUBLIC = address(93, 184, 216, 34);
    private static final InetAddress LOOPBACK = address(127, 0, 0, 1);

    private HttpServer merchant;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void merchantListens() throws Exception {
        merchant = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        merchant.createContext("/hook", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        merchant.start();
    }

    @AfterEach
    void merchantStops() {
        merchant.stop(0);
    }

    @Test
    void theConnectionGoesToTheAddressThePolicyResolved() throws Exception {
        CallbackAddressPolicy localNetworkAllowed = new CallbackAddressPolicy(true, host -> new InetAddress[] {LOOPBACK});

        try (WebhookSender sender = sender(localNetworkAllowed)) {
            SendResult result = sender.send("merchant-a", url("merchant.example"), "msg_1", "{}");

            assertThat(result.outcome()).isEqualTo(SendResult.Outcome.DELIVERED);
            assertThat(received).containsExactly("msg_1");
        }
    }

    @Test
    void aNameThatTurnsPrivateAfterTheCheckIsNeverCalled() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        CallbackAddressPolicy.Resolver rebinding = host -> new InetAddress[] {lookups.getAndIncrement() == 0 ? PUBLIC : LOOPBACK};

        try (WebhookSender sender = sender(new CallbackAddressPolicy(false, Set.of(), rebinding))) {
            SendResult result = sender.send("merchant-a", url("rebinding.example"), "msg_2", "{}");

            assertThat(lookups.get()).isGreaterThan(1);
            assertThat(result.outcome()).isEqualTo(SendResult.Outcome.FAILED);
            assertThat(result.detail()).startsWith("refused:");
            assertThat(received).isEmpty();
        }
    }

    @Test
    void aMerchantWithoutItsOwnSecretGetsNoWebhookAndTheDeliverySaysWhy() throws Exception {
        CallbackAddressPolicy localNetworkAllowed = new CallbackAddressPolicy(true, host -> new InetAddress[] {LOOPBACK});

        try (WebhookSender sender = sender(localNetworkAllowed)) {
            SendResult result = sender.send("merchant-without-secret", url("merchant.example"), "msg_3", "{}");

            assertThat(result.outcome()).isEqualTo(SendResult.Outcome.FAILED);
            assertThat(result.detail()).contains("no webhook secret").contains("WEBHOOK_SECRETS");
            assertThat(received).isEmpty();
        }
    }

    private WebhookSender sender(CallbackAddressPolicy policy) {
        return new WebhookSender(Duration.ofSeconds(5), policy, Map.of("merchant-a", "whsec_dGVzdC1zZWNyZXQtdGVzdC1zZWNyZXQ="),
                Clock.systemUTC());
    }

    private String url(String host) {
        return "http://" + host + ":" + merchant.getAddress().getPort() + "/hook";
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
