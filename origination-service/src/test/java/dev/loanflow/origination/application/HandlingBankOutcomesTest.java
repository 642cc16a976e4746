package dev.loanflow.origination.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.loanflow.events.BankApplicationRequested;
import dev.loanflow.events.BankApproved;
import dev.loanflow.events.LifecycleAnomaly;
import dev.loanflow.events.PreApproved;
import dev.loanflow.origination.domain.ApplicationState;
import dev.loanflow.origination.flow.GatewayStandIn;
import dev.loanflow.schemas.Topic;

class HandlingBankOutcomesTest {

    private final UseCases given = new UseCases();

    @Test
    void aPreApprovalMovesTheApplicationOnAndLeavesTheApplicationToTheGateway() {
        String id = given.submitted();
        PreApproved preApproved = GatewayStandIn.preApproved(id);

        given.outcomes.handle(preApproved, preApproved.getMetadata());

        assertThat(given.applications.stateOf(id)).isEqualTo(ApplicationState.PRE_APPROVED);
        assertThat(given.outbox.of(Topic.BANK_REQUESTS, BankApplicationRequested.class)).isEmpty();
    }

    @Test
    void aPreApprovalOfARequestWithoutTheApplicationsTermsAsksTheBankForTheApplication() {
        String id = given.submittedBeforeTheGatewayApplied();
        PreApproved preApproved = GatewayStandIn.preApproved(id);

        given.outcomes.handle(preApproved, preApproved.getMetadata());

        assertThat(given.applications.stateOf(id)).isEqualTo(ApplicationState.PRE_APPROVED);
        assertThat(given.outbox.of(Topic.BANK_REQUESTS, BankApplicationRequested.class)).singleElement()
                .satisfies(request -> assertThat(request.getPreApprovalReferenceId()).isEqualTo("pre-" + id));
    }

    @Test
    void anOutcomeDeliveredTwiceIsAppliedOnce() {
        String id = given.submittedBeforeTheGatewayApplied();
        PreApproved preApproved = GatewayStandIn.preApproved(id);

        given.outcomes.handle(preApproved, preApproved.getMetadata());
        given.outcomes.handle(preApproved, preApproved.getMetadata());

        assertThat(given.outbox.of(Topic.BANK_REQUESTS, BankApplicationRequested.class)).hasSize(1);
    }

    @Test
    void anOutcomeNotLegalInTheApplicationsStateChangesNothingAndIsAnAnomaly() {
        String id = given.submitted();
        BankApproved approved = GatewayStandIn.approved(id);

        given.outcomes.handle(approved, approved.getMetadata());

        assertThat(given.applications.stateOf(id)).isEqualTo(ApplicationState.NEW);
        assertThat(given.outbox.of(Topic.ANOMALIES, LifecycleAnomaly.class)).singleElement()
                .satisfies(anomaly -> assertThat(anomaly.getReason()).contains("BANK_APPROVED"));
    }

    @Test
    void theBanksApplicationIsKeptAndItsReferenceRecorded() {
        String id = given.submitted();
        given.outcomes.handle(GatewayStandIn.preApproved(id), GatewayStandIn.metadata(id));

        given.outcomes.handle(GatewayStandIn.created(id), GatewayStandIn.metadata(id));

        assertThat(given.applications.find(id).orElseThrow().application().loanReferenceId()).isEqualTo("loan-" + id);
        assertThat(given.applications.stateOf(id)).isEqualTo(ApplicationState.STARTED);
    }
}
