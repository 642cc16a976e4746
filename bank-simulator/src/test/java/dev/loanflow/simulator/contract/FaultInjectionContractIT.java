package dev.loanflow.simulator.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class FaultInjectionContractIT extends SimulatorContractTest {

    @Test
    void serverErrorsAnswerWithTheErrorBody() {
        faults("\"errorRate\":1.0");

        BankApiClient.Response response = bank.post("/loans/v1/facilitate/query/banks", token, "{}");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body().get("success").asBoolean()).isFalse();
    }

    @Test
    void aBankThatIsDownAnswers503ForItsCallsOnlyAndActsOnNothingUntilItIsBack() {
        String loan = approvedLoan();
        bank.put("/sandbox/banks/AKTIFBANK/outage", "{}");

        BankApiClient.Response session = bank.post("/loans/v1/facilitate/sessions/AKTIFBANK", token, "{}");
        BankApiClient.Response refund = bank.post("/loans/v1/facilitate/refund/" + loan, token, "{\"refundAmount\":100.00}");
        BankApiClient.Response otherBank = bank.post("/loans/v1/facilitate/sessions/QNB", token, "{}");

        assertThat(session.status()).isEqualTo(503);
        assertThat(session.body().get("errorCode").asText()).isEqualTo("BANK_UNAVAILABLE");
        assertThat(refund.status()).isEqualTo(503);
        assertThat(otherBank.status()).isEqualTo(200);
        bank.delete("/sandbox/banks/AKTIFBANK/outage");
        String orderId = bank.get("/loans/v1/facilitate/query/loan/" + loan, token).body().path("loanApplication")
                .path("orderId").asText();
        assertThat(bank.get("/sandbox/ledger?operation=REFUND&orderId=" + orderId, null).body()).isEmpty();
    }

    @Test
    void addedLatencyDelaysEveryCall() {
        faults("\"latencyMillis\":300");

        long started = System.nanoTime();
        bank.post("/loans/v1/facilitate/query/banks", token, "{}");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void timeoutsLeaveTheCallerWithoutAnAnswer() {
        faults("\"timeoutRate\":1.0,\"timeoutMillis\":3000");

        assertThatThrownBy(() -> bank.postWithTimeout("/loans/v1/facilitate/query/banks", token, "{}",
                Duration.ofMillis(500))).isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void lostCallbacksNeverArriveButTheStatusQueryKnows() {
        faults("\"lostCallbackRate\":1.0");

        String reference = applicationFor(SandboxCustomers.gsmApproved()).body().get("referenceId").asText();
        CallbackReceiver.sleep(1000);

        assertThat(callbacks.forReference(reference)).isEmpty();
        assertThat(status(reference)).isEqualTo("APPROVED");
    }

    @Test
    void duplicatedCallbacksArriveTwice() {
        faults("\"duplicateCallbackRate\":1.0");

        String reference = applicationFor(SandboxCustomers.gsmApproved()).body().get("referenceId").asText();

        assertThat(callbacks.await(reference, 2, Duration.ofSeconds(5))).hasSize(2);
    }

    @Test
    void invalidFaultSettingsAreRefused() {
        assertThat(bank.put("/sandbox/faults", "{\"errorRate\":1.5}").status()).isEqualTo(400);
    }

    private void faults(String settings) {
        ObjectNode faults = BankApiClient.JSON.createObjectNode()
                .put("latencyMillis", 0).put("latencyJitterMillis", 0).put("errorRate", 0).put("timeoutRate", 0)
                .put("timeoutMillis", 30_000).put("lostCallbackRate", 0).put("duplicateCallbackRate", 0);
        faults.setAll((ObjectNode) readTree("{" + settings + "}"));

        assertThat(bank.put("/sandbox/faults", faults.toString()).status()).isEqualTo(200);
    }

    private static JsonNode readTree(String json) {
        try {
            return BankApiClient.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void duplicateJsonKeysAreBadRequests() {
        assertThat(bank.put("/sandbox/faults", "{\"errorRate\":0,\"errorRate\":1}").status()).isEqualTo(400);
    }
}
