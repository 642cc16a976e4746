package dev.loanflow.gateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.loanflow.events.ActorType;
import dev.loanflow.events.ApplicationCancelled;
import dev.loanflow.events.ApplicationFailed;
import dev.loanflow.events.BankRejected;
import dev.loanflow.events.PreApprovalDeclined;

class BankDeclinesIT extends GatewayFlowTest {

    @Test
    void declinedPreAssessmentCarriesTheBanksCodeAndMessage() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("00");

        customer.send(customer.preApproval());
        PreApprovalDeclined declined = outcomes.await(customer.applicationId, PreApprovalDeclined.class, PATIENCE);

        assertThat(declined.getBankAnswer().getCode()).isEqualTo("51");
        assertThat(declined.getBankAnswer().getMessage()).isNotBlank();
        assertThat(declined.getBankCode()).isEqualTo("AKTIFBANK");
    }

    @Test
    void bankRejectionIsPublishedAfterConfirmation() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("01");
        created(customer);

        BankRejected rejected = outcomes.await(customer.applicationId, BankRejected.class, PATIENCE);

        assertThat(rejected.getApplicationReferenceId()).isNotBlank();
    }

    @Test
    void cancellationOnTheBankPageIsPublished() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("02");
        created(customer);

        assertThat(outcomes.await(customer.applicationId, ApplicationCancelled.class, PATIENCE).getCancelledBy())
                .isEqualTo(ActorType.CUSTOMER);
    }

    @Test
    void applicationTheBankCannotProcessFails() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("04");
        customer.send(customer.application(preApproved(customer)));

        ApplicationFailed failed = outcomes.await(customer.applicationId, ApplicationFailed.class, PATIENCE);

        assertThat(failed.getBankAnswer().getCode()).isEqualTo("91");
    }

    @Test
    void unknownBankFailsWithTheBanksRefusal() {
        BankRequests customer = BankRequests.atBank("NOSUCHBANK");

        customer.send(customer.preApproval());
        ApplicationFailed failed = outcomes.await(customer.applicationId, ApplicationFailed.class, PATIENCE);

        assertThat(failed.getBankAnswer().getCode()).isEqualTo("UNKNOWN_BANK");
    }
}
