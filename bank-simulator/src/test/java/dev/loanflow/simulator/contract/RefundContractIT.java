package dev.loanflow.simulator.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class RefundContractIT extends SimulatorContractTest {

    @Test
    void partialThenFullRefundMovesThroughRefundedPartialToRefunded() {
        String loan = approvedLoan();

        JsonNode partial = refund(loan, "1000.00").body();
        String afterPartial = status(loan);
        JsonNode rest = refund(loan, "19100.00").body();

        assertThat(partial.get("success").asBoolean()).isTrue();
        assertThat(partial.get("bankResponseCode").asText()).isEqualTo("0");
        assertThat(partial.get("bankReferenceId").asText()).isNotBlank();
        assertThat(partial.get("referenceId").asText()).isNotBlank();
        assertThat(afterPartial).isEqualTo("REFUNDED_PARTIAL");
        assertThat(rest.get("success").asBoolean()).isTrue();
        assertThat(status(loan)).isEqualTo("REFUNDED");
        assertThat(bank.get("/loans/v1/facilitate/query/loan/" + loan, token).body()
                .at("/loanApplication/paymentPlan/totalRefundAmount").decimalValue()).isEqualByComparingTo("20100.00");
    }

    @Test
    void refundAboveTheLoanAmountIsRejected() {
        String loan = approvedLoan();

        BankApiClient.Response response = refund(loan, "20100.01");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errorCode").asText()).isEqualTo("REFUND_AMOUNT_EXCEEDED");
        assertThat(status(loan)).isEqualTo("APPROVED");
    }

    @Test
    void refundBelowOneKurusIsRejected() {
        String loan = approvedLoan();

        assertThat(refund(loan, "0.00").status()).isEqualTo(400);
        assertThat(refund(loan, "0.001").status()).isEqualTo(400);
    }

    @Test
    void loanThatWasNotApprovedCannotBeRefunded() {
        String rejected = applicationFor(SandboxCustomers.gsmEndingIn("01")).body().get("referenceId").asText();
        callbacks.await(rejected, 1, Duration.ofSeconds(5));

        BankApiClient.Response response = refund(rejected, "10.00");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errorCode").asText()).isEqualTo("NOT_REFUNDABLE");
    }

    @Test
    void refundAnomalyScenarioEndsInRefundedAnomaly() {
        String loan = applicationFor(SandboxCustomers.gsmEndingIn("05")).body().get("referenceId").asText();
        callbacks.await(loan, 1, Duration.ofSeconds(5));

        JsonNode response = refund(loan, "100.00").body();

        assertThat(response.get("success").asBoolean()).isFalse();
        assertThat(response.get("bankResponseCode").asText()).isNotEqualTo("0");
        assertThat(status(loan)).isEqualTo("REFUNDED_ANOMALY");
    }

    private BankApiClient.Response refund(String loan, String amount) {
        return bank.post("/loans/v1/facilitate/refund/" + loan, token, """
                {"refundAmount":%s,"sellerList":[{"trxAmount":%s,"refundedCommissionAmount":1.00,
                 "sellerExternalId":"SELLER-001","withholdingTax":0.10}]}""".formatted(amount, amount));
    }
}
