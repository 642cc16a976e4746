package dev.loanflow.origination.lifecycle;

import java.math.BigDecimal;

import dev.loanflow.origination.domain.ApplicationState;
import dev.loanflow.origination.domain.Money;
import dev.loanflow.origination.domain.Refunding;

/**
 * Prints what one lifecycle event costs: rehydrating this thread's machine from a stored state and applying the
 * event, against building a machine for every event. Run: see benchmarks/results/history.md, "Application lifecycle".
 */
public final class LifecycleEngineBenchmark {

    private static final BigDecimal LOAN = new BigDecimal("20100.00");

    private LifecycleEngineBenchmark() {
    }

    public static void main(String[] args) {
        LifecycleEngine engine = new LifecycleEngine();
        measure("reused machine per thread", 200_000, () -> engine.apply(ApplicationState.STARTED,
                LifecycleEvent.BANK_APPROVED, new Refunding(Money.of(LOAN), Money.ZERO), Money.ZERO));
        measure("new machine per event", 5_000, () -> new LifecycleEngine().apply(ApplicationState.STARTED,
                LifecycleEvent.BANK_APPROVED, new Refunding(Money.of(LOAN), Money.ZERO), Money.ZERO));
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
