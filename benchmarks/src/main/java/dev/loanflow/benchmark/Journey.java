package dev.loanflow.benchmark;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where one application's time went between its submission and its APPROVED event arriving, hop by hop. The marks
 * are the events' {@code occurredAt} (the clock of the service that made the event, as it made it) and their
 * records' timestamps (when an outbox relay sent them), on the lifecycle, bank-request and bank-outcome topics; every
 * process runs on this machine, so one clock.
 */
record Journey(long totalMillis, long[] stepMillis) {

    /** The marks, in the order the flow passes them; each step runs from one mark to the next. */
    enum Mark {
        SUBMITTED, NEW_MADE, PRE_APPROVAL_REQUEST_SENT, PRE_APPROVED_BY_GATEWAY, BANK_APPLICATION_CREATED_BY_GATEWAY,
        BANK_APPLICATION_CREATED_SENT, STARTED_MADE,
        APPROVED_BY_GATEWAY, BANK_APPROVED_SENT, APPROVED_MADE, APPROVED_SENT, APPROVED_RECEIVED
    }

    enum Step {
        SUBMISSION("origination takes the submission (input topic, its transaction → NEW)"),
        PRE_APPROVAL_REQUEST_RELAYED("origination's outbox sends the pre-approval request"),
        PRE_APPROVAL("gateway: consumed, bank pre-approval calls, committed"),
        BANK_APPLICATION("gateway, straight on: bank application call, committed"),
        BANK_APPLICATION_RELAYED("gateway's outbox sends BankApplicationCreated"),
        STARTED("origination: consumed (PreApproved before it), committed → STARTED"),
        CUSTOMER_APPROVAL("bank's callback on the customer's approval, gateway committed"),
        BANK_APPROVED_RELAYED("gateway's outbox sends BankApproved"),
        APPROVED("origination: consumed, committed → APPROVED"),
        APPROVED_RELAYED("origination's outbox sends APPROVED"),
        DELIVERY("broker → a consumer of the lifecycle topic");

        final String description;

        Step(String description) {
            this.description = description;
        }
    }

    /** One step's share of a run: its median and p99 over every application, and its mean over the slowest 1 %. */
    record StepFigures(Step step, double p50Millis, double p99Millis, double meanOfSlowestMillis) {
    }

    /** Epoch milliseconds indexed by {@link Mark}; empty when a mark is missing (-1). */
    static Optional<Journey> of(long[] marks) {
        if (Arrays.stream(marks).anyMatch(mark -> mark < 0)) {
            return Optional.empty();
        }
        long[] steps = new long[marks.length - 1];
        for (int i = 0; i < steps.length; i++) {
            // clamped: two services' clock readings a millisecond apart can come out of order
            steps[i] = Math.max(0, marks[i + 1] - marks[i]);
        }
        return Optional.of(new Journey(marks[marks.length - 1] - marks[0], steps));
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
