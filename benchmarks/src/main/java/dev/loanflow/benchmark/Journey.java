package dev.loanflow.benchmark;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Where one application's time went between its submission and its APPROVED event arriving, step by step. The steps
 * are cut at the lifecycle events' {@code occurredAt} (origination's clock when it made the transition) and the
 * APPROVED record's timestamp (when the outbox relay sent it); every process runs on this machine, so one clock.
 */
record Journey(long totalMillis, long[] stepMillis) {

    enum Step {
        SUBMISSION("submission taken: input topic, origination's transaction (submitted → NEW)"),
        PRE_APPROVAL("pre-approval: outbox, gateway, bank call, outcome, origination (NEW → PRE_APPROVED)"),
        BANK_APPLICATION("bank application: outbox, gateway, bank call, outcome, origination (PRE_APPROVED → STARTED)"),
        CUSTOMER_DECISION("customer's approval: bank callback, gateway, origination (STARTED → APPROVED)"),
        OUTBOX("APPROVED committed → sent by the outbox relay"),
        DELIVERY("APPROVED sent → received by a consumer");

        final String description;

        Step(String description) {
            this.description = description;
        }
    }

    /** One step's share of a run: its median and p99 over every application, and its mean over the slowest 1 %. */
    record StepFigures(Step step, double p50Millis, double p99Millis, double meanOfSlowestMillis) {
    }

    /** Lifecycle timestamps in epoch milliseconds: submitted, NEW, PRE_APPROVED, STARTED, APPROVED, sent, received. */
    static Journey of(long submitted, long created, long preApproved, long started, long approved, long sent, long received) {
        long[] marks = {submitted, created, preApproved, started, approved, sent, received};
        long[] steps = new long[marks.length - 1];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = Math.max(0, marks[i + 1] - marks[i]);
        }
        return new Journey(received - submitted, steps);
    }

    long step(Step step) {
        return stepMillis[step.ordinal()];
    }

    /** The slowest 1 %: the hundredth of the applications (at least one) with the longest journeys. */
    static List<StepFigures> figures(List<Journey> journeys) {
        if (journeys.isEmpty()) {
            return List.of();
        }
        List<Journey> byTotal = journeys.stream().sorted(Comparator.comparingLong(Journey::totalMillis)).toList();
        List<Journey> slowest = byTotal.subList(byTotal.size() - (int) Math.ceil(byTotal.size() / 100.0), byTotal.size());
        return Arrays.stream(Step.values()).map(step -> {
            long[] sorted = journeys.stream().mapToLong(journey -> journey.step(step)).sorted().toArray();
            double meanOfSlowest = slowest.stream().mapToLong(journey -> journey.step(step)).average().orElse(0);
            return new StepFigures(step, sorted[percentileIndex(sorted.length, 50)], sorted[percentileIndex(sorted.length, 99)],
                    meanOfSlowest);
        }).toList();
    }

    /** Nearest rank: the smallest value with at least {@code percentile} % of the values at or below it. */
    private static int percentileIndex(int size, int percentile) {
        return Math.max(0, (int) Math.ceil(size * percentile / 100.0) - 1);
    }
}
