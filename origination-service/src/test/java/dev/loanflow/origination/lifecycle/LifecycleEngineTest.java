package dev.loanflow.origination.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.loanflow.origination.domain.ApplicationState;
import dev.loanflow.origination.domain.Money;
import dev.loanflow.origination.domain.Refunding;

/** The engine's table answers as the running Statemachine does, for every state, event and kind of amount. */
class LifecycleEngineTest {

    private static final LifecycleEngine ENGINE = new LifecycleEngine();
    private static final RunningMachine MACHINE = new RunningMachine();
    private static final Money LOAN = Money.of(new BigDecimal("20100.00"));

    /** Already refunded, and the event's amount: nothing, part of what remains, all of it, more, and below zero. */
    private static final List<Money[]> MONEY = List.of(
            new Money[] {Money.ZERO, Money.ZERO},
            new Money[] {Money.ZERO, Money.of(new BigDecimal("500.00"))},
            new Money[] {Money.ZERO, LOAN},
            new Money[] {Money.ZERO, Money.of(new BigDecimal("20100.01"))},
            new Money[] {Money.of(new BigDecimal("1000.00")), Money.of(new BigDecimal("500.00"))},
            new Money[] {Money.of(new BigDecimal("1000.00")), Money.of(new BigDecimal("19100.00"))},
            new Money[] {Money.of(new BigDecimal("1000.00")), Money.of(new BigDecimal("19100.01"))},
            new Money[] {Money.ZERO, Money.of(new BigDecimal("-1.00"))});

    static Stream<Arguments> everyStateEventAndAmount() {
        List<Arguments> cases = new ArrayList<>();
        for (ApplicationState state : ApplicationState.values()) {
            for (LifecycleEvent event : LifecycleEvent.values()) {
                for (Money[] money : MONEY) {
                    cases.add(Arguments.of(state, event, money[0], money[1]));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} + {1}, refunded {2}, amount {3}")
    @MethodSource("everyStateEventAndAmount")
    void answersAsTheRunningMachine(ApplicationState state, LifecycleEvent event, Money refunded, Money amount) {
        Refunding refunding = new Refunding(LOAN, refunded);

        assertThat(ENGINE.apply(state, event, refunding, amount)).isEqualTo(MACHINE.apply(state, event, refunding, amount));
    }
}
