package dev.loanflow.simulator.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthenticationContractIT extends SimulatorContractTest {

    @Test
    void sandboxMerchantGetsABearerJwt() {
        assertThat(token.split("\\.")).hasSize(3);
        assertThat(bank.post("/loans/v1/facilitate/query/banks", token, "{}").status()).isEqualTo(200);
    }

    @Test
    void wrongCredentialsAreUnauthorizedWithTheDocumentedErrorBody() {
        BankApiClient.Response response = bank.post("/loans/authenticate", null, """
                {"username":"sandbox","password":"wrong","merchantNo":4003,"apiSecretKey":"sandbox-secret"}""");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().get("success").asBoolean()).isFalse();
        assertThat(response.body().get("bankResponseCode").asText()).isEqualTo("99");
        assertThat(response.body().get("errorCode").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(response.body().has("bankResponseMessage")).isTrue();
        assertThat(response.body().has("errorMessage")).isTrue();
    }

    @Test
    void missingOrForgedTokensAreUnauthorized() {
        assertThat(bank.post("/loans/v1/facilitate/query/banks", null, "{}").status()).isEqualTo(401);
        assertThat(bank.post("/loans/v1/facilitate/query/banks", token + "x", "{}").status()).isEqualTo(401);
    }

    @Test
    void expiredTokensAreUnauthorizedUntilTheMerchantAuthenticatesAgain() {
        bank.post("/sandbox/tokens/expire", null, "{}");

        assertThat(bank.post("/loans/v1/facilitate/query/banks", token, "{}").status()).isEqualTo(401);
        assertThat(bank.post("/loans/v1/facilitate/query/banks", bank.authenticate(), "{}").status()).isEqualTo(200);
    }
}
