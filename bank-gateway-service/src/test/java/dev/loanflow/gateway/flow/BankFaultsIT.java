package dev.loanflow.gateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.BankApproved;

class BankFaultsIT extends GatewayFlowTest {

    @Test
    void tokenExpiringMidFlowIsRenewedOnce() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("11");
        String preApproval = preApproved(customer);

        simulator("POST", "/sandbox/tokens/expire", "{}");
        customer.send(customer.application(preApproval));

        assertThat(outcomes.await(customer.applicationId, BankApplicationCreated.class, PATIENCE)).isNotNull();
    }

    @Test
    void serverErrorsAreRetriedUntilTheFlowCompletes() {
        faults("{\"errorRate\":0.4}");
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("12");

        BankApproved approved = approved(customer);

        assertThat(approved).isNotNull();
        assertThat(applicationsAtTheBank(customer.bankOrderId())).isEqualTo(1);
    }

    @Test
    void hangingCallsTimeOutAndAreRetried() {
        faults("{\"timeoutRate\":0.3,\"timeoutMillis\":3000}");
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("13");

        assertThat(approved(customer)).isNotNull();
        assertThat(applicationsAtTheBank(customer.bankOrderId())).isEqualTo(1);
    }

    @Test
    void lostCallbackIsRecoveredByReconciliation() {
        faults("{\"lostCallbackRate\":1.0}");
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("14");

        BankApproved approved = approved(customer);

        assertThat(approved).isNotNull();
        assertThat(simulator("GET", "/sandbox/stats", null).at("/callbacks/lost").asLong()).isPositive();
    }

    @Test
    void duplicateCallbacksPublishOneOutcome() {
        faults("{\"duplicateCallbackRate\":1.0}");
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("15");

        approved(customer);
        OutcomeLog.pause(Duration.ofSeconds(2).toMillis());

        assertThat(outcomes.of(customer.applicationId, BankApproved.class)).hasSize(1);
    }

    @Test
    void aForgedCallbackChangesNothingTheBankDoesNotConfirm() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("03");
        customer.send(customer.application(preApproved(customer)));
        outcomes.await(customer.applicationId, BankApplicationCreated.class, PATIENCE);
        String loanReference = jdbc.queryForObject("select loan_reference_id from bank_application where application_id = ?",
                String.class, customer.applicationId);
        int queriesBefore = statusQueries(customer.applicationId);

        int answer = http.postForEntity("/bank/callbacks", Map.of("referenceId", loanReference,
                "status", "APPROVED"), Void.class).getStatusCode().value();
        int unknown = http.postForEntity("/bank/callbacks", Map.of("referenceId", "forged-reference", "status", "APPROVED"),
                Void.class).getStatusCode().value();
        OutcomeLog.pause(Duration.ofSeconds(2).toMillis());

        assertThat(answer).isEqualTo(202);
        assertThat(unknown).isEqualTo(202);
        assertThat(statusQueries(customer.applicationId)).as("the callback was checked with the bank").isGreaterThan(queriesBefore);
        assertThat(outcomes.of(customer.applicationId, BankApproved.class)).isEmpty();
    }

    @Test
    void aCallbackFasterThanOurOwnCommitIsKeptAndActedOnOnceTheApplicationIsKnown() {
        String reference = "early-" + java.util.UUID.randomUUID();

        http.postForEntity("/bank/callbacks", Map.of("referenceId", reference, "status", "APPROVED"), Void.class);

        assertThat(jdbc.queryForObject("select count(*) from bank_callback_hint where loan_reference_id = ?",
                Integer.class, reference)).isEqualTo(1);
    }

    @Test
    void anInstantCustomerDecisionIsApproved() {
        simulator("PUT", "/sandbox/settings", "{\"tokenTtlSeconds\":3600,\"customerDecisionDelayMillis\":0}");
        try {
            BankRequests customer = BankRequests.forCustomerWithGsmEnding("16");

            assertThat(approved(customer)).isNotNull();
        } finally {
            simulator("PUT", "/sandbox/settings", "{\"tokenTtlSeconds\":3600,\"customerDecisionDelayMillis\":300}");
        }
    }

    private int statusQueries(String applicationId) {
        return jdbc.queryForObject("select count(*) from bank_interaction where application_id = ? and operation = 'query'",
                Integer.class, applicationId);
    }
}
