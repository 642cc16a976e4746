package dev.loanflow.simulator.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class ApplicationContractIT extends SimulatorContractTest {

    @Test
    void approvedPreAssessmentReturnsAReferenceAndConsumerLoanOffers() {
        JsonNode body = preAssess(SandboxCustomers.nationalId(), SandboxCustomers.gsmApproved(), newOrderId()).body();

        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("bankSuccess").asBoolean()).isTrue();
        assertThat(body.get("bankResponseCode").asText()).isEqualTo("0");
        assertThat(body.get("referenceId").asText()).isNotBlank();
        assertThat(body.at("/monthlyPayments/0/type").asText()).isEqualTo("CONSUMER_LOAN");
        assertThat(body.at("/monthlyPayments/0/amount").decimalValue()).isEqualByComparingTo("7442.80");
    }

    @Test
    void declinedPreAssessmentCarriesTheBanksCodeAndAdmitsNoApplication() {
        String nationalId = SandboxCustomers.nationalId();
        String gsm = SandboxCustomers.gsmEndingIn("00");
        String orderId = newOrderId();
        JsonNode declined = preAssess(nationalId, gsm, orderId).body();

        BankApiClient.Response application = apply(declined.get("referenceId").asText(), nationalId, gsm, orderId, inAnHour());

        assertThat(declined.get("bankSuccess").asBoolean()).isFalse();
        assertThat(declined.get("bankResponseCode").asText()).isNotEqualTo("0");
        assertThat(declined.get("bankResponseMessage").asText()).isNotBlank();
        assertThat(application.status()).isEqualTo(400);
        assertThat(application.body().get("errorCode").asText()).isEqualTo("PRE_ASSESSMENT_REQUIRED");
    }

    @Test
    void invalidCustomerDataIsAValidationError() {
        BankApiClient.Response badId = preAssess("12345678901", SandboxCustomers.gsmApproved(), newOrderId());
        BankApiClient.Response badGsm = preAssess(SandboxCustomers.nationalId(), "4551234567", newOrderId());

        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.body().get("errorMessage").asText()).contains("nationalIdentityNumber");
        assertThat(badGsm.status()).isEqualTo(400);
        assertThat(badGsm.body().get("errorMessage").asText()).contains("gsmNumber");
    }

    @Test
    void applicationWithoutPreAssessmentIsRefused() {
        BankApiClient.Response response = apply("never-assessed", SandboxCustomers.nationalId(),
                SandboxCustomers.gsmApproved(), newOrderId(), inAnHour());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errorCode").asText()).isEqualTo("PRE_ASSESSMENT_REQUIRED");
    }

    @Test
    void applicationReturnsRedirectionAndAPaymentPlanDueMonthlyFromTheOrderDate() {
        JsonNode body = applicationFor(SandboxCustomers.gsmApproved()).body();
        JsonNode plan = body.get("paymentPlan");

        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("bankApproved").asBoolean()).isTrue();
        assertThat(body.get("bankRedirectionUrl").asText()).startsWith("http");
        assertThat(body.get("referenceCode").asText()).isNotBlank();
        assertThat(plan.get("lendingAmount").decimalValue()).isEqualByComparingTo("20100");
        assertThat(plan.get("totalPaymentAmount").decimalValue()).isEqualByComparingTo("24101.05");
        assertThat(plan.get("annualEffectiveInterestRate").decimalValue()).isEqualByComparingTo("88.9781");
        assertThat(plan.get("monthlyPayments").size()).isEqualTo(6);
        assertThat(plan.at("/monthlyPayments/0/dueDate").asText()).isEqualTo("2026-01-24T10:30:00");
        assertThat(plan.at("/monthlyPayments/1/dueDate").asText()).isEqualTo("2026-02-24T10:30:00");
        assertThat(plan.at("/monthlyPayments/0/amount").decimalValue()).isEqualByComparingTo("4016.84");
    }

    @Test
    void approvedCustomerTriggersACallbackAndTheStatusQueryAgrees() {
        String reference = applicationFor(SandboxCustomers.gsmApproved()).body().get("referenceId").asText();

        List<JsonNode> received = callbacks.await(reference, 1, Duration.ofSeconds(5));
        JsonNode queried = bank.get("/loans/v1/facilitate/query/loan/" + reference, token).body().get("loanApplication");

        assertThat(received).singleElement().satisfies(callback -> {
            assertThat(callback.get("status").asText()).isEqualTo("APPROVED");
            assertThat(callback.get("bankResponseCode").asText()).isEqualTo("0");
        });
        assertThat(queried.get("status").asText()).isEqualTo("APPROVED");
        assertThat(queried.get("isApproved").asBoolean()).isTrue();
        assertThat(queried.get("merchantNo").asLong()).isEqualTo(4003);
        assertThat(queried.get("type").asText()).isEqualTo("SHOPPING_LOAN");
        assertThat(queried.at("/paymentPlan/monthlyPayments/0/details").asText()).isEqualTo("1st Installment");
        assertThat(queried.at("/paymentPlan/monthlyPayments/0/dueDate").asText()).isEqualTo("2026-01-24T10:30:00Z");
        assertThat(queried.at("/cart/items/0/name").asText()).isEqualTo("Product Name");
    }

    @Test
    void scenariosPickRejectionCancellationAndFailure() {
        String rejected = applicationFor(SandboxCustomers.gsmEndingIn("01")).body().get("referenceId").asText();
        String cancelled = applicationFor(SandboxCustomers.gsmEndingIn("02")).body().get("referenceId").asText();
        JsonNode failed = applicationFor(SandboxCustomers.gsmEndingIn("04")).body();

        assertThat(callbacks.await(rejected, 1, Duration.ofSeconds(5)).get(0).get("status").asText()).isEqualTo("REJECTED");
        assertThat(callbacks.await(cancelled, 1, Duration.ofSeconds(5)).get(0).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(failed.get("success").asBoolean()).isFalse();
        assertThat(failed.get("bankResponseCode").asText()).isNotEqualTo("0");
        assertThat(status(failed.get("referenceId").asText())).isEqualTo("FAILED");
    }

    @Test
    void scenarioCanBeScriptedPerNationalId() {
        String nationalId = SandboxCustomers.nationalId();
        bank.put("/sandbox/customers/" + nationalId + "/scenario", "{\"scenario\":\"DECLINE_PRE_APPROVAL\"}");

        JsonNode body = preAssess(nationalId, SandboxCustomers.gsmApproved(), newOrderId()).body();

        assertThat(body.get("bankSuccess").asBoolean()).isFalse();
    }

    @Test
    void secondApplicationForTheSameOrderIsRefusedAndNotDuplicated() {
        String nationalId = SandboxCustomers.nationalId();
        String gsm = SandboxCustomers.gsmApproved();
        String orderId = newOrderId();
        String first = apply(preAssess(nationalId, gsm, orderId).body().get("referenceId").asText(),
                nationalId, gsm, orderId, inAnHour()).body().get("referenceId").asText();

        BankApiClient.Response second = apply(preAssess(nationalId, gsm, orderId).body().get("referenceId").asText(),
                nationalId, gsm, orderId, inAnHour());

        assertThat(second.status()).isEqualTo(400);
        assertThat(second.body().get("errorCode").asText()).isEqualTo("DUPLICATE_ORDER_ID");
        assertThat(second.body().get("referenceId").asText()).isEqualTo(first);
        assertThat(bank.get("/sandbox/applications?orderId=" + orderId, null).body().size()).isEqualTo(1);
    }

    @Test
    void retryingAnApplicationWithItsUsedPreAssessmentLearnsTheExistingReference() {
        String nationalId = SandboxCustomers.nationalId();
        String gsm = SandboxCustomers.gsmApproved();
        String orderId = newOrderId();
        String assessment = preAssess(nationalId, gsm, orderId).body().get("referenceId").asText();
        String first = apply(assessment, nationalId, gsm, orderId, inAnHour()).body().get("referenceId").asText();

        BankApiClient.Response retry = apply(assessment, nationalId, gsm, orderId, inAnHour());

        assertThat(retry.status()).isEqualTo(400);
        assertThat(retry.body().get("errorCode").asText()).isEqualTo("DUPLICATE_ORDER_ID");
        assertThat(retry.body().get("referenceId").asText()).isEqualTo(first);
    }

    @Test
    void abandonedApplicationTimesOutAtItsTimeToLive() {
        String nationalId = SandboxCustomers.nationalId();
        String gsm = SandboxCustomers.gsmEndingIn("03");
        String orderId = newOrderId();
        String reference = apply(preAssess(nationalId, gsm, orderId).body().get("referenceId").asText(), nationalId,
                gsm, orderId, Instant.now().plusSeconds(2).getEpochSecond()).body().get("referenceId").asText();

        assertThat(status(reference)).isEqualTo("STARTED");
        List<JsonNode> received = callbacks.await(reference, 1, Duration.ofSeconds(6));

        assertThat(received).singleElement().satisfies(callback ->
                assertThat(callback.get("status").asText()).isEqualTo("TIMEOUT"));
        assertThat(status(reference)).isEqualTo("TIMEOUT");
    }

    @Test
    void timeToLiveInThePastIsRejected() {
        String nationalId = SandboxCustomers.nationalId();
        String gsm = SandboxCustomers.gsmApproved();
        String orderId = newOrderId();

        BankApiClient.Response response = apply(preAssess(nationalId, gsm, orderId).body().get("referenceId").asText(),
                nationalId, gsm, orderId, Instant.now().minusSeconds(60).getEpochSecond());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errorMessage").asText()).contains("timeToLive");
    }

    @Test
    void sandboxDecidesAWaitingApplicationOnceWhenAutomaticDecisionsAreOff() {
        bank.put("/sandbox/settings", "{\"tokenTtlSeconds\":3600,\"customerDecisionDelayMillis\":-1}");
        try {
            String reference = applicationFor(SandboxCustomers.gsmApproved()).body().get("referenceId").asText();
            CallbackReceiver.sleep(300);
            String waiting = status(reference);

            int decided = bank.post("/sandbox/applications/" + reference + "/decision", null, "{\"status\":\"REJECTED\"}").status();
            int decidedAgain = bank.post("/sandbox/applications/" + reference + "/decision", null, "{\"status\":\"APPROVED\"}").status();

            assertThat(waiting).isEqualTo("STARTED");
            assertThat(decided).isEqualTo(204);
            assertThat(decidedAgain).isEqualTo(409);
            assertThat(callbacks.await(reference, 1, Duration.ofSeconds(5))).singleElement()
                    .satisfies(callback -> assertThat(callback.get("status").asText()).isEqualTo("REJECTED"));
            assertThat(status(reference)).isEqualTo("REJECTED");
        } finally {
            bank.put("/sandbox/settings", "{\"tokenTtlSeconds\":3600,\"customerDecisionDelayMillis\":150}");
        }
    }

    @Test
    void malformedJsonIsAValidationError() {
        BankApiClient.Response response = bank.post("/loans/v1/facilitate/pre-approved/" + session("AKTIFBANK"), token,
                "{\"nationalIdentityNumber\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errorCode").asText()).isEqualTo("VALIDATION_ERROR");
    }
}
