package dev.loanflow.simulator.sandbox;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Faults the sandbox injects, switchable at run time. Rates are shares between 0 and 1.
 *
 * @param latencyMillis         added to every bank API call
 * @param latencyJitterMillis   a random extra of up to this much
 * @param errorRate             share of calls answered with HTTP 500
 * @param timeoutRate           share of calls held without an answer for {@code timeoutMillis}
 * @param timeoutMillis         how long a timed-out call hangs before the server gives up
 * @param lostCallbackRate      share of callbacks never sent
 * @param duplicateCallbackRate share of callbacks sent twice
 */
public record Faults(long latencyMillis, long latencyJitterMillis, double errorRate, double timeoutRate,
                     long timeoutMillis, double lostCallbackRate, double duplicateCallbackRate) {

    public static final Faults NONE = new Faults(0, 0, 0, 0, 30_000, 0, 0);

    public Faults {
        if (latencyMillis < 0 || latencyJitterMillis < 0 || timeoutMillis < 0) {
            throw new IllegalArgumentException("durations cannot be negative");
        }
        for (double rate : new double[] {errorRate, timeoutRate, lostCallbackRate, duplicateCallbackRate}) {
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("rates are shares between 0 and 1");
            }
        }
    }

    public long delayMillis() {
        return latencyMillis + (latencyJitterMillis > 0 ? ThreadLocalRandom.current().nextLong(latencyJitterMillis + 1) : 0);
    }

    public static boolean happens(double rate) {
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }
}
