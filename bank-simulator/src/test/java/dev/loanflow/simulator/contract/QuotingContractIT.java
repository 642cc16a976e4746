package dev.loanflow.simulator.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class QuotingContractIT extends SimulatorContractTest {

    @Test
    void banksListSeveralBanksWithAktifBankActive() {
        JsonNode banks = bank.post("/loans/v1/facilitate/query/banks", token, "{}").body().get("banks");

        assertThat(banks.size()).isGreaterThanOrEqualTo(3);
        assertThat(banks.get(0).get("code").asText()).isEqualTo("AKTIFBANK");
        assertThat(banks.get(0).get("active").asBoolean()).isTrue();
        assertThat(banks.get(0).get("countryId").asText()).isEqualTo("TR");
    }

    @Test
    void simulationReproducesTheReferenceFigures() {
        JsonNode response = bank.post("/loans/v1/facilitate/simulation/" + session("AKTIFBANK"), token,
                "{\"maxTerm\":6,\"cart\":" + REFERENCE_CART + "}").body();
        JsonNode three = response.get("monthlyPayments").get(0);
        JsonNode six = response.get("monthlyPayments").get(1);

        assertThat(response.get("bankResponseCode").asText()).isEqualTo("0");
        assertThat(response.get("success").asBoolean()).isTrue();
        assertThat(response.get("monthlyPayments").size()).isEqualTo(2);
        assertThat(three.get("term").asInt()).isEqualTo(3);
        assertThat(three.get("amount").decimalValue()).isEqualByComparingTo("7442.80");
        assertThat(three.get("interestRate").decimalValue()).isEqualByComparingTo("4.19");
        assertThat(three.get("totalPaymentAmount").decimalValue()).isEqualByComparingTo("22328.38");
        assertThat(three.get("annualEffectiveInterestRate").decimalValue()).isEqualByComparingTo("88.9774");
        assertThat(three.get("monthlyEffectiveInterestRate").decimalValue()).isEqualByComparingTo("7.4148");
        assertThat(six.get("amount").decimalValue()).isEqualByComparingTo("4016.84");
        assertThat(six.get("totalPaymentAmount").decimalValue()).isEqualByComparingTo("24101.05");
        assertThat(six.get("annualEffectiveInterestRate").decimalValue()).isEqualByComparingTo("88.9781");
        assertThat(six.get("monthlyEffectiveInterestRate").decimalValue()).isEqualByComparingTo("7.4148");
    }

    @Test
    void banksQuoteDifferentInstallmentsForTheSameCart() {
        String body = "{\"maxTerm\":6,\"cart\":" + REFERENCE_CART + "}";
        JsonNode aktif = bank.post("/loans/v1/facilitate/simulation/" + session("AKTIFBANK"), token, body).body();
        JsonNode qnb = bank.post("/loans/v1/facilitate/simulation/" + session("QNB"), token, body).body();

        assertThat(qnb.at("/monthlyPayments/0/amount").decimalValue())
                .isNotEqualByComparingTo(aktif.at("/monthlyPayments/0/amount").decimalValue());
    }

    @Test
    void unknownOrInactiveBanksCannotStartASession() {
        BankApiClient.Response unknown = bank.post("/loans/v1/facilitate/sessions/NOSUCHBANK", token, "{}");
        BankApiClient.Response inactive = bank.post("/loans/v1/facilitate/sessions/DENIZBANK", token, "{}");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("errorCode").asText()).isEqualTo("UNKNOWN_BANK");
        assertThat(inactive.status()).isEqualTo(400);
    }

    @Test
    void inconsistentCartTotalsAreRejected() {
        String cart = REFERENCE_CART.replace("\"totalPrice\":20100.00", "\"totalPrice\":20200.00");

        BankApiClient.Response response = bank.post("/loans/v1/facilitate/simulation/" + session("AKTIFBANK"), token,
                "{\"maxTerm\":6,\"cart\":" + cart + "}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errorCode").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(response.body().get("errorMessage").asText()).contains("totalPrice");
    }

    @Test
    void unknownSessionIsNotFound() {
        BankApiClient.Response response = bank.post("/loans/v1/facilitate/simulation/no-such-session", token,
                "{\"maxTerm\":6,\"cart\":" + REFERENCE_CART + "}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().get("success").asBoolean()).isFalse();
    }
}
