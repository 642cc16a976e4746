package dev.loanflow.origination.lifecycle;

import static dev.loanflow.origination.domain.ApplicationState.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.loanflow.origination.domain.ApplicationState;
import dev.loanflow.origination.domain.Money;
import dev.loanflow.origination.domain.Refunding;
import dev.loanflow.schemas.WaitingStatuses;

class LoanLifecycleTest {

    private static final BigDecimal LOAN = new BigDecimal("20100.00");
    private static final BigDecimal ALREADY_REFUNDED = new BigDecimal("1000.00");
    private static final LifecycleEngine ENGINE = new LifecycleEngine();

    /** The legal transitions, written out independently of the configuration; everything else is illegal. */
    private static final Map<ApplicationState, Map<LifecycleEvent, ApplicationState>> LEGAL = Map.of(
            NEW, Map.of(LifecycleEvent.PRE_APPROVED, PRE_APPROVED, LifecycleEvent.PRE_APPROVAL_DECLINED, PRE_APPROVAL_DECLINED,
                    LifecycleEvent.CANCELLATION_REQUESTED, CANCELLED, LifecycleEvent.FAILED, FAILED, LifecycleEvent.TIMED_OUT, TIMEOUT),
            PRE_APPROVED, Map.of(LifecycleEvent.BANK_APPLICATION_CREATED, STARTED, LifecycleEvent.CANCELLATION_REQUESTED, CANCELLED,
                    LifecycleEvent.FAILED, FAILED, LifecycleEvent.TIMED_OUT, TIMEOUT),
            STARTED, Map.of(LifecycleEvent.BANK_APPROVED, APPROVED, LifecycleEvent.BANK_REJECTED, REJECTED,
                    LifecycleEvent.CANCELLED_AT_BANK, CANCELLED, LifecycleEvent.FAILED, FAILED, LifecycleEvent.TIMED_OUT, TIMEOUT),
            APPROVED, Map.of(LifecycleEvent.REFUND_REQUESTED, APPROVED, LifecycleEvent.REFUNDED, REFUNDED_PARTIAL,
                    LifecycleEvent.REFUND_ANOMALY, REFUNDED_ANOMALY),
            REFUNDED_PARTIAL, Map.of(LifecycleEvent.REFUND_REQUESTED, REFUNDED_PARTIAL, LifecycleEvent.REFUNDED, REFUNDED_PARTIAL,
                    LifecycleEvent.REFUND_ANOMALY, REFUNDED_ANOMALY));

    static Stream<Arguments> everyStateAndEvent() {
        List<Arguments> pairs = new ArrayList<>();
        for (ApplicationState state : ApplicationState.values()) {
            for (LifecycleEvent event : LifecycleEvent.values()) {
                pairs.add(Arguments.of(state, event));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("everyStateAndEvent")
    void transitionTableWithAPartialRefundAmount(ApplicationState state, LifecycleEvent event) {
        Optional<ApplicationState> expected = Optional.ofNullable(LEGAL.getOrDefault(state, Map.of()).get(event));

        assertThat(apply(state, event, LOAN, refundedIn(state), new BigDecimal("500.00"))).isEqualTo(expected);
    }

    @Test
    void refundThatEmptiesTheLoanMakesItRefunded() {
        assertThat(apply(APPROVED, LifecycleEvent.REFUNDED, LOAN, BigDecimal.ZERO, LOAN)).contains(REFUNDED);
        assertThat(apply(REFUNDED_PARTIAL, LifecycleEvent.REFUNDED, LOAN, ALREADY_REFUNDED, new BigDecimal("19100.00")))
                .contains(REFUNDED);
    }

    @Test
    void refundAboveWhatRemainsIsNoTransition() {
        assertThat(apply(APPROVED, LifecycleEvent.REFUNDED, LOAN, BigDecimal.ZERO, new BigDecimal("20100.01"))).isEmpty();
        assertThat(apply(REFUNDED_PARTIAL, LifecycleEvent.REFUND_REQUESTED, LOAN, ALREADY_REFUNDED,
                new BigDecimal("19100.01"))).isEmpty();
    }

    @Test
    void refundRequestUpToTheRemainderIsAccepted() {
        assertThat(apply(REFUNDED_PARTIAL, LifecycleEvent.REFUND_REQUESTED, LOAN, ALREADY_REFUNDED,
                new BigDecimal("19100.00"))).contains(REFUNDED_PARTIAL);
    }

    @Test
    void zeroAmountRefundsAreNoTransition() {
        assertThat(apply(APPROVED, LifecycleEvent.REFUND_REQUESTED, LOAN, BigDecimal.ZERO, BigDecimal.ZERO)).isEmpty();
        assertThat(apply(APPROVED, LifecycleEvent.REFUNDED, LOAN, BigDecimal.ZERO, BigDecimal.ZERO)).isEmpty();
    }

    @Test
    void aReusedMachineDoesNotCarryOneApplicationIntoTheNext() {
        assertThat(apply(STARTED, LifecycleEvent.BANK_APPROVED, LOAN, BigDecimal.ZERO, BigDecimal.ZERO)).contains(APPROVED);
        assertThat(apply(NEW, LifecycleEvent.BANK_APPROVED, LOAN, BigDecimal.ZERO, BigDecimal.ZERO)).isEmpty();
        assertThat(apply(NEW, LifecycleEvent.PRE_APPROVED, LOAN, BigDecimal.ZERO, BigDecimal.ZERO)).contains(PRE_APPROVED);
    }

    private static BigDecimal refundedIn(ApplicationState state) {
        return state == REFUNDED_PARTIAL ? ALREADY_REFUNDED : BigDecimal.ZERO;
    }

    private static Optional<ApplicationState> apply(ApplicationState state, LifecycleEvent event, BigDecimal loan,
                                                    BigDecimal refunded, BigDecimal amount) {
        return ENGINE.apply(state, event, new Refunding(Money.of(loan), Money.of(refunded)), Money.of(amount));
    }

    @Test
    void waitingStatesAreThoseThatCanTimeOut() {
        assertThat(LoanLifecycle.waiting()).containsExactlyInAnyOrder(NEW, PRE_APPROVED, STARTED);
    }

    @Test
    void theContractNamesTheSameWaitingStatuses() {
        assertThat(LoanLifecycle.waiting().stream().map(Enum::name))
                .containsExactlyInAnyOrderElementsOf(WaitingStatuses.WAITING.stream().map(Enum::name).toList());
    }

    @Test
    void everyStateIsAStatusOfTheContract() {
        assertThat(Stream.of(ApplicationState.values()).map(Enum::name))
                .containsExactlyElementsOf(Stream.of(dev.loanflow.events.ApplicationStatus.values()).map(Enum::name).toList());
    }

    @Test
    void everyApplicationStartsNew() {
        assertThat(ENGINE.initial()).isEqualTo(NEW);
    }
}
