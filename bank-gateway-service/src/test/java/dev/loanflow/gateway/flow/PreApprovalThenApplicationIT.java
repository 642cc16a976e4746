package dev.loanflow.gateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.loanflow.events.ApplicationTimedOut;
import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.BankApproved;
import dev.loanflow.events.PreApprovalRequested;
import dev.loanflow.events.PreApproved;

/** A pre-approval request that carries the application's terms: the gateway applies at the bank right after. */
class PreApprovalThenApplicationIT extends GatewayFlowTest {

    private static final Instant IN_AN_HOUR = Instant.now().plus(Duration.ofHours(1));

    @Test
    void aPreApprovalGoesStraightOnToTheApplicationAtTheBank() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("69");
        PreApprovalRequested request = customer.preApprovalThenApplication(IN_AN_HOUR);

        customer.send(request);
        PreApproved preApproved = outcomes.await(customer.applicationId, PreApproved.class, PATIENCE);
        BankApplicationCreated created = outcomes.await(customer.applicationId, BankApplicationCreated.class, PATIENCE);
        BankApproved approved = outcomes.await(customer.applicationId, BankApproved.class, PATIENCE);

        assertThat(outcomes.of(customer.applicationId)).extracting(event -> event.getClass().getSimpleName())
                .containsExactly("PreApproved", "BankApplicationCreated", "BankApproved");
        assertThat(approved.getApplicationReferenceId()).isEqualTo(created.getApplicationReferenceId());
        assertThat(applicationsAtTheBank(customer.bankOrderId())).isEqualTo(1);
        assertThat(simulator("GET", "/sandbox/applications?orderId=" + customer.bankOrderId(), null).get(0)
                .get("referenceId").asText()).isEqualTo(created.getApplicationReferenceId());
        assertThat(preApproved.getMetadata().getCausationId()).isEqualTo(request.getMetadata().getEventId());
        assertThat(created.getMetadata().getCorrelationId()).isEqualTo(customer.correlationId);
    }

    @Test
    void aRedeliveredPreApprovalThenApplicationChangesNothing() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("71");
        PreApprovalRequested request = customer.preApprovalThenApplication(IN_AN_HOUR);
        customer.send(request);
        outcomes.await(customer.applicationId, BankApplicationCreated.class, PATIENCE);

        customer.send(request);
        OutcomeLog.pause(2_000);

        assertThat(outcomes.of(customer.applicationId, PreApproved.class)).hasSize(1);
        assertThat(outcomes.of(customer.applicationId, BankApplicationCreated.class)).hasSize(1);
        assertThat(applicationsAtTheBank(customer.bankOrderId())).isEqualTo(1);
        assertThat(bankCalls(customer, "session")).isOne();
        assertThat(bankCalls(customer, "application")).isOne();
    }

    @Test
    void aPreApprovalCommittedWithoutItsApplicationIsFollowedByTheApplicationOnRedelivery() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("72");
        PreApprovalRequested request = customer.preApproval();
        customer.send(request);
        String reference = outcomes.await(customer.applicationId, PreApproved.class, PATIENCE).getPreApprovalReferenceId();

        // as if the gateway had stopped between committing the pre-approval and applying: the request comes again
        customer.send(BankRequests.thenApplication(request, IN_AN_HOUR));
        BankApplicationCreated created = outcomes.await(customer.applicationId, BankApplicationCreated.class, PATIENCE);

        assertThat(outcomes.of(customer.applicationId, PreApproved.class)).hasSize(1);
        assertThat(bankCalls(customer, "session")).as("the pre-approval is not asked for again").isOne();
        assertThat(applicationsAtTheBank(customer.bankOrderId())).isEqualTo(1);
        assertThat(simulator("GET", "/sandbox/applications?orderId=" + customer.bankOrderId(), null).get(0)
                .get("referenceId").asText()).isEqualTo(created.getApplicationReferenceId());
        assertThat(jdbc.queryForObject("select pre_approval_reference_id from bank_application where application_id = ?",
                String.class, customer.applicationId)).isEqualTo(reference);
    }

    @Test
    void anApplicationPastItsTimeToLiveIsNotSentToTheBankAndTimesOut() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("73");

        customer.send(customer.preApprovalThenApplication(Instant.now().minusSeconds(1)));
        ApplicationTimedOut timedOut = outcomes.await(customer.applicationId, ApplicationTimedOut.class, PATIENCE);

        assertThat(outcomes.of(customer.applicationId)).extracting(event -> event.getClass().getSimpleName())
                .containsExactly("PreApproved", "ApplicationTimedOut");
        assertThat(timedOut.getMetadata().getApplicationId()).isEqualTo(customer.applicationId);
        assertThat(applicationsAtTheBank(customer.bankOrderId())).isZero();
        assertThat(bankCalls(customer, "application")).isZero();
    }

    private int bankCalls(BankRequests customer, String operation) {
        return jdbc.queryForObject("select count(*) from bank_interaction where application_id = ? and operation = ?",
                Integer.class, customer.applicationId, operation);
    }
}
