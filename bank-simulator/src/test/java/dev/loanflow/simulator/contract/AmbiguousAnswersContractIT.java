package dev.loanflow.simulator.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.loanflow.simulator.application.BankLedger;

/** The bank acts, then its answer is lost; the ledger and the status query still say what it did. */
class AmbiguousAnswersContractIT extends SimulatorContractTest {

    private static final String REFUND = """
            {"refundAmount":100.00,"sellerList":[]}""";

    @Test
    void aRefundAnsweredWithAServerErrorWasStillExecuted() {
        String loan = approvedLoan();
        ambiguous("ERROR");

        BankApiClient.Response response = bank.post("/loans/v1/facilitate/refund/" + loan, token, REFUND);

        assertThat(response.status()).isEqualTo(500);
        assertThat(refundedTotal(loan)).isEqualTo("100.0");
        assertThat(performedRefunds(loan)).isEqualTo(1);
    }

    @Test
    void aRefundWhoseConnectionDropsWasStillExecuted() {
        String loan = approvedLoan();
        ambiguous("DROP");

        assertThatThrownBy(() -> bank.postWithTimeout("/loans/v1/facilitate/refund/" + loan, token, REFUND,
                Duration.ofSeconds(10))).isInstanceOf(IOException.class);
        assertThat(performedRefunds(loan)).isEqualTo(1);
    }

    @Test
    void anApplicationAnsweredAfterTheClientGaveUpExistsAtTheBank() {
        String nationalId = SandboxCustomers.nationalId();
        String gsm = SandboxCustomers.gsmApproved();
        String orderId = newOrderId();
        String preApproval = preAssess(nationalId, gsm, orderId).body().get("referenceId").asText();
        bank.put("/sandbox/faults", """
                {"ambiguousRate":1.0,"ambiguousAnswer":"LATE","ambiguousDelayMillis":2000,"timeoutMillis":30000}""");
        String body = """
                {"nationalIdentityNumber":"%s","gsmNumber":"%s","orderId":"%s","orderDate":"2025-12-24T10:30:00",
                 "totalTerm":6,"timeToLive":%d,"callbackUrl":"%s","cart":%s}"""
                .formatted(nationalId, gsm, orderId, inAnHour(), callbacks.url(), REFERENCE_CART);

        assertThatThrownBy(() -> bank.postWithTimeout("/loans/v1/facilitate/application/" + preApproval, token, body,
                Duration.ofMillis(500))).isInstanceOf(HttpTimeoutException.class);
        assertThat(bank.get("/sandbox/ledger?operation=APPLICATION&orderId=" + orderId, null).body())
                .anyMatch(entry -> entry.get("performed").asBoolean()
                        && entry.get("customer").asText().equals(BankLedger.digest(nationalId)))
                .noneMatch(entry -> entry.toString().contains(nationalId));
    }

    @Test
    void refusalsAreAnsweredAsUsualSinceTheBankDidNothing() {
        String loan = approvedLoan();
        ambiguous("ERROR");

        BankApiClient.Response response = bank.post("/loans/v1/facilitate/refund/" + loan, token, """
                {"refundAmount":999999.00,"sellerList":[]}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(performedRefunds(loan)).isZero();
    }

    private void ambiguous(String answer) {
        assertThat(bank.put("/sandbox/faults", """
                {"ambiguousRate":1.0,"ambiguousAnswer":"%s","timeoutMillis":30000}""".formatted(answer)).status())
                .isEqualTo(200);
    }

    private String refundedTotal(String loan) {
        bank.delete("/sandbox/faults");
        return bank.get("/loans/v1/facilitate/query/loan/" + loan, token).body()
                .at("/loanApplication/paymentPlan/totalRefundAmount").asText();
    }

    private long performedRefunds(String loan) {
        JsonNode entries = bank.get("/sandbox/ledger?operation=REFUND", null).body();
        long performed = 0;
        for (JsonNode entry : entries) {
            if (loan.equals(entry.get("referenceId").asText()) && entry.get("performed").asBoolean()) {
                performed++;
            }
        }
        return performed;
    }
}
