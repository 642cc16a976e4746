package dev.loanflow.origination.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The dashboard's view of the agreement with the bank, read over HTTP from a server answering as the gateway does. */
class BankAgreementTest {

    private HttpServer gateway;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/ops/reconciliation", exchange -> answer(exchange, """
                {"finishedAt":"2026-12-06T10:00:00Z","compared":12,"decisionsCorrected":1,"refundDifferences":0,
                 "unknownLoans":0,"complete":true}"""));
        gateway.createContext("/ops/refunds/uncertain", exchange -> answer(exchange, """
                [{"refundId":"r-1","applicationId":"a-1","amount":150.25,"refundedBefore":0,"status":"UNCERTAIN",
                  "claimedAt":"2026-12-06T09:58:00Z"}]"""));
        gateway.start();
    }

    @AfterEach
    void stopGateway() {
        gateway.stop(0);
    }

    @Test
    void showsTheGatewaysLastReconciliationAndUncertainRefundsReadWithTheOperatorsToken() {
        BankAgreement.View view = new BankAgreement("http://127.0.0.1:" + gateway.getAddress().getPort())
                .read("Bearer operator-token");

        assertThat(view.unavailable()).isNull();
        assertThat(view.lastReconciliation().compared()).isEqualTo(12);
        assertThat(view.lastReconciliation().decisionsCorrected()).isEqualTo(1);
        assertThat(view.uncertainRefunds()).singleElement().satisfies(refund -> {
            assertThat(refund.refundId()).isEqualTo("r-1");
            assertThat(refund.amount()).isEqualByComparingTo(new BigDecimal("150.25"));
        });
        assertThat(authorizations).containsOnly("Bearer operator-token").hasSize(2);
    }

    @Test
    void saysSoWhenTheGatewayDoesNotAnswerOrIsNotConfigured() {
        int port = gateway.getAddress().getPort();
        gateway.stop(0);

        assertThat(new BankAgreement("http://127.0.0.1:" + port).read("Bearer t").unavailable())
                .startsWith("the bank gateway did not answer");
        assertThat(new BankAgreement("").read("Bearer t").unavailable()).contains("not configured");
    }

    private void answer(HttpExchange exchange, String json) throws IOException {
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
