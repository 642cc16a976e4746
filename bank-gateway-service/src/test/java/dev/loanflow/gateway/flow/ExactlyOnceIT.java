package dev.loanflow.gateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.BankApplicationRequested;
import dev.loanflow.events.PreApprovalRequested;
import dev.loanflow.events.PreApproved;

class ExactlyOnceIT extends GatewayFlowTest {

    @Test
    void redeliveredRequestChangesNothing() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("21");
        PreApprovalRequested preApproval = customer.preApproval();
        customer.send(preApproval);
        String reference = outcomes.await(customer.applicationId, PreApproved.class, PATIENCE).getPreApprovalReferenceId();
        BankApplicationRequested application = customer.application(reference);

        customer.send(application);
        outcomes.await(customer.applicationId, BankApplicationCreated.class, PATIENCE);
        customer.send(application);
        customer.send(preApproval);
        OutcomeLog.pause(2_000);

        assertThat(outcomes.of(customer.applicationId, PreApproved.class)).hasSize(1);
        assertThat(outcomes.of(customer.applicationId, BankApplicationCreated.class)).hasSize(1);
        assertThat(applicationsAtTheBank(customer.bankOrderId())).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from bank_interaction where application_id = ? "
                + "and operation = 'session'", Integer.class, customer.applicationId))
                .as("a request consumed before is found so in its poll, before the bank is called").isOne();
    }

    @Test
    void repeatedRequestForAnApplicationTheBankHoldsDoesNotApplyAgain() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("22");
        String reference = preApproved(customer);
        customer.send(customer.application(reference));
        String first = outcomes.await(customer.applicationId, BankApplicationCreated.class, PATIENCE).getApplicationReferenceId();

        customer.send(customer.application(reference));
        OutcomeLog.pause(2_000);

        assertThat(outcomes.of(customer.applicationId, BankApplicationCreated.class))
                .extracting(BankApplicationCreated::getApplicationReferenceId).containsOnly(first);
        assertThat(applicationsAtTheBank(customer.bankOrderId())).isEqualTo(1);
    }

    @Test
    void applicationWhoseAnswerWasLostIsFoundAtTheBankNotSentAgain() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("23");
        String reference = preApproved(customer);
        faults("{\"latencyMillis\":1500}");

        customer.send(customer.application(reference));
        OutcomeLog.pause(4_000);
        simulator("DELETE", "/sandbox/faults", null);
        BankApplicationCreated created = outcomes.await(customer.applicationId, BankApplicationCreated.class, PATIENCE);

        assertThat(applicationsAtTheBank(customer.bankOrderId())).isEqualTo(1);
        assertThat(simulator("GET", "/sandbox/applications?orderId=" + customer.bankOrderId(), null).get(0)
                .get("referenceId").asText()).isEqualTo(created.getApplicationReferenceId());
        assertThat(jdbc.queryForList("select outcome from bank_interaction where application_id = ? "
                + "and operation = 'application' order by id", String.class, customer.applicationId))
                .startsWith("UNAVAILABLE").contains("REFUSED 400 DUPLICATE_ORDER_ID");
    }
}
