package dev.loanflow.origination.lifecycle;

import java.math.BigDecimal;

import dev.loanflow.origination.domain.ApplicationState;
import dev.loanflow.origination.domain.Money;
import dev.loanflow.origination.domain.Refunding;

/**
 * Prints what one lifecycle event costs: the engine's table read from the configuration, against resetting a running
 * machine to the stored state and sending it the event. Run: see benchmarks/results/history.md, "Application lifecycle".
 */
public final class LifecycleEngineBenchmark {

    private static final BigDecimal LOAN = new BigDecimal("20100.00");

    private LifecycleEngineBenchmark() {
    }

    public static void main(String[] args) {
        LifecycleEngine engine = new LifecycleEngine();
        RunningMachine machine = new RunningMachine();
        measure("table from the configuration", 2_000_000, () -> engine.apply(ApplicationState.APPROVED,
                LifecycleEvent.REFUNDED, new Refunding(Money.of(LOAN), Money.ZERO), Money.of(LOAN)));
        measure("running machine, reset", 200_000, () -> machine.apply(ApplicationState.APPROVED,
                LifecycleEvent.REFUNDED, new Refunding(Money.of(LOAN), Money.ZERO), Money.of(LOAN)));
    }

    private static void measure(String what, int events, Runnable applyOne) {
        for (int i = 0; i < events / 4; i++) {
            applyOne.run();
        }
        long started = System.nanoTime();
        for (int i = 0; i < events; i++) {
            applyOne.run();
        }
        double micros = (System.nanoTime() - started) / 1_000.0 / events;
        System.out.printf("%-28s %8.1f µs/event  %,10.0f events/s on one thread%n", what, micros, 1_000_000 / micros);
    }
}
