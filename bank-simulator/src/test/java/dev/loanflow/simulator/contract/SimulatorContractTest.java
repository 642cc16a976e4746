package dev.loanflow.simulator.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Drives the running simulator over HTTP, the way the gateway does. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "loanflow.simulator.customer-decision-delay=150ms",
        "loanflow.simulator.timeout-sweep-interval=200ms"})
abstract class SimulatorContractTest {

    static final String REFERENCE_CART = """
            {"price":{"itemsPrice":20000.00,"shippingPrice":100.00,"totalPrice":20100.00},
             "items":[{"productName":"Product Name","categoryCode":"Category Code","quantity":1,"price":20000.00,
                       "totalPriceWithoutDiscounts":20000.00,"totalPrice":20000.00,"sellerExternalId":"SELLER-001",
                       "commissionRate":1.00,"withholdingTax":0.10,"marketplaceCost":2.00}]}""";

    static final CallbackReceiver callbacks = new CallbackReceiver();

    @LocalServerPort
    int port;

    BankApiClient bank;
    String token;

    @BeforeEach
    void connect() {
        bank = new BankApiClient(port);
        token = bank.authenticate();
    }

    @AfterEach
    void healFaults() {
        bank.delete("/sandbox/faults");
    }

    String session(String bankCode) {
        return bank.post("/loans/v1/facilitate/sessions/" + bankCode, token, "{}").body().get("referenceId").asText();
    }

    BankApiClient.Response preAssess(String nationalId, String gsm, String orderId) {
        return bank.post("/loans/v1/facilitate/pre-approved/" + session("AKTIFBANK"), token, """
                {"nationalIdentityNumber":"%s","gsmNumber":"%s","orderId":"%s","maxTerm":6,"cart":%s}"""
                .formatted(nationalId, gsm, orderId, REFERENCE_CART));
    }

    BankApiClient.Response apply(String preApprovalReference, String nationalId, String gsm, String orderId, long timeToLive) {
        return bank.post("/loans/v1/facilitate/application/" + preApprovalReference, token, """
                {"nationalIdentityNumber":"%s","gsmNumber":"%s","orderId":"%s","orderDate":"2025-12-24T10:30:00",
                 "totalTerm":6,"timeToLive":%d,"callbackUrl":"%s","cart":%s}"""
                .formatted(nationalId, gsm, orderId, timeToLive, callbacks.url(), REFERENCE_CART));
    }

    /** Pre-assesses and applies for a customer whose GSM number picks the scenario; returns the application. */
    BankApiClient.Response applicationFor(String gsm) {
        String nationalId = SandboxCustomers.nationalId();
        String orderId = newOrderId();
        BankApiClient.Response assessed = preAssess(nationalId, gsm, orderId);
        assertThat(assessed.status()).isEqualTo(200);
        return apply(assessed.body().get("referenceId").asText(), nationalId, gsm, orderId, inAnHour());
    }

    String approvedLoan() {
        String reference = applicationFor(SandboxCustomers.gsmApproved()).body().get("referenceId").asText();
        callbacks.await(reference, 1, java.time.Duration.ofSeconds(5));
        assertThat(status(reference)).isEqualTo("APPROVED");
        return reference;
    }

    String status(String reference) {
        return bank.get("/loans/v1/facilitate/query/loan/" + reference, token).body()
                .path("loanApplication").path("status").asText();
    }

    static String newOrderId() {
        return "ORDER-" + UUID.randomUUID();
    }

    static long inAnHour() {
        return Instant.now().plusSeconds(3600).getEpochSecond();
    }
}
