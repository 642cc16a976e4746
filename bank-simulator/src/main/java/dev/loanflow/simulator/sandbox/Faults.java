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
 * @param ambiguousRate         share of the calls that change the bank (pre-assessment, application, refund) that the
 *                              bank performs and then answers badly, as {@code ambiguousAnswer} says
 * @param ambiguousAnswer       how the answer of such a call is lost (any way the bank acted when not given)
 * @param ambiguousDelayMillis  how late a {@link AmbiguousAnswer#LATE} answer comes, or how long a
 *                              {@link AmbiguousAnswer#SLOW} operation takes: longer than the client waits
 * @param ambiguousNext         the next this many calls that change the bank get an ambiguous answer, whatever the
 *                              rate (scripts one call precisely)
 */
public record Faults(long latencyMillis, long latencyJitterMillis, double errorRate, double timeoutRate,
                     long timeoutMillis, double lostCallbackRate, double duplicateCallbackRate,
                     double ambiguousRate, AmbiguousAnswer ambiguousAnswer, long ambiguousDelayMillis,
                     int ambiguousNext) {

    public static final Faults NONE = new Faults(0, 0, 0, 0, 30_000, 0, 0, 0, null, 15_000, 0);

    /** How the answer to an operation the bank performed is lost. */
    public enum AmbiguousAnswer {
        /** the connection drops in the middle of the answer */
        DROP,
        /** the answer comes after the client stopped waiting */
        LATE,
        /** the bank answers HTTP 500 although it acted */
        ERROR,
        /** the bank is still working when the client stops waiting, and acts afterwards */
        SLOW,
        /** the request is lost on its way and the bank never acts, but the client, timed out, cannot tell */
        NEVER_ACTED;

        /** The way this call's answer is lost: the one asked for, or any of them. */
        public static AmbiguousAnswer pick(AmbiguousAnswer asked) {
            return asked != null ? asked : values()[ThreadLocalRandom.current().nextInt(NEVER_ACTED.ordinal())];
        }
    }

    public Faults {
        if (latencyMillis < 0 || latencyJitterMillis < 0 || timeoutMillis < 0 || ambiguousDelayMillis < 0
                || ambiguousNext < 0) {
            throw new IllegalArgumentException("durations cannot be negative");
        }
        for (double rate : new double[] {errorRate, timeoutRate, lostCallbackRate, duplicateCallbackRate, ambiguousRate}) {
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
