package dev.loanflow.origination.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.loanflow.origination.domain.ApplicationState;
import dev.loanflow.origination.flow.GatewayStandIn;

class TimingOutApplicationsTest {

    private final UseCases given = new UseCases();

    @Test
    void aNewApplicationPastItsTimeToLiveTimesOut() {
        String id = given.submitted();
        given.clock.passes(Duration.ofHours(2));

        given.timingOut.sweep();

        assertThat(given.applications.stateOf(id)).isEqualTo(ApplicationState.TIMEOUT);
    }

    @Test
    void anApplicationTheBankHoldsIsLeftToTheBank() {
        String id = given.submitted();
        given.outcomes.handle(GatewayStandIn.preApproved(id), GatewayStandIn.metadata(id));
        given.outcomes.handle(GatewayStandIn.created(id), GatewayStandIn.metadata(id));
        given.clock.passes(Duration.ofHours(2));

        given.timingOut.sweep();

        assertThat(given.applications.stateOf(id)).isEqualTo(ApplicationState.STARTED);
    }
}
