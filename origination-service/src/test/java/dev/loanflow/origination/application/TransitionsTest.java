package dev.loanflow.origination.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.loanflow.events.ApplicationStatus;
import dev.loanflow.events.ApplicationStatusChanged;
import dev.loanflow.events.LifecycleAnomaly;
import dev.loanflow.origination.domain.ApplicationState;
import dev.loanflow.origination.lifecycle.LifecycleEvent;
import dev.loanflow.schemas.Topic;

class TransitionsTest {

    private final UseCases given = new UseCases();

    @Test
    void everyChangeIsAnnouncedOnTheHistoryAndTheLatestStatusTopics() {
        String id = given.submitted();

        given.transitions.apply(id, Change.of(LifecycleEvent.CANCELLATION_REQUESTED,
                Change.Cause.fromMerchant("CancellationRequested", "cancelled by the merchant")));

        assertThat(given.outbox.of(Topic.LIFECYCLE, ApplicationStatusChanged.class))
                .extracting(ApplicationStatusChanged::getStatus)
                .containsExactly(ApplicationStatus.NEW, ApplicationStatus.CANCELLED);
        assertThat(given.outbox.of(Topic.STATUS, ApplicationStatusChanged.class)).hasSize(2);
        assertThat(given.outbox.of(Topic.LIFECYCLE, ApplicationStatusChanged.class).get(1).getDetail())
                .isEqualTo("cancelled by the merchant");
    }

    @Test
    void anIllegalRequestFromAMerchantIsRefusedWithoutAnAnomaly() {
        String id = given.submitted();

        Transitions.Outcome outcome = given.transitions.apply(id, Change.of(LifecycleEvent.REFUND_REQUESTED,
                Change.Cause.fromMerchant("RefundRequested", null)));

        assertThat(outcome).isEqualTo(new Transitions.Illegal(ApplicationState.NEW));
        assertThat(given.outbox.of(Topic.ANOMALIES, LifecycleAnomaly.class)).isEmpty();
    }

    @Test
    void theFollowUpLeavesWithTheTransitionOnlyWhenItHappens() {
        String id = given.submitted();
        int[] followUps = {0};

        given.transitions.apply(id, Change.of(LifecycleEvent.BANK_APPROVED, Change.Cause.fromSystem("Test", null))
                .then((before, after) -> followUps[0]++));
        given.transitions.apply(id, Change.of(LifecycleEvent.TIMED_OUT, Change.Cause.fromSystem("Test", null))
                .then((before, after) -> followUps[0]++));

        assertThat(followUps[0]).isEqualTo(1);
        assertThat(given.applications.stateOf(id)).isEqualTo(ApplicationState.TIMEOUT);
    }

    @Test
    void anApplicationThatDoesNotExistIsMissing() {
        assertThat(given.transitions.apply("nobody", Change.of(LifecycleEvent.TIMED_OUT,
                Change.Cause.fromSystem("Test", null)))).isEqualTo(new Transitions.Missing());
    }
}
