package dev.loanflow.benchmark;

import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * One measured run: what was offered, what completed, how long it took, and what it cost. {@code measuredSeconds} is
 * wall-clock time: the measured ticks' intervals added up.
 */
record Run(String name, String bank, String offered, double measuredSeconds, long approved, long refunded,
           Histogram latencyMicros, List<Journey> journeys, List<Timeline.Second> seconds,
           List<DatabaseProfile.Entry> statements, long statementCalls) {

    double throughput() {
        return (double) approved / measuredSeconds;
    }

    double eventsPerSecond() {
        return measured().mapToLong(Timeline.Second::events).sum() / measuredSeconds;
    }

    double millis(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMillis() {
        return latencyMicros.getMaxValue() / 1000.0;
    }

    long maxBacklog() {
        return seconds.stream().mapToLong(Timeline.Second::outboxBacklog).max().orElse(0);
    }

    long maxNotificationsDue() {
        return seconds.stream().mapToLong(Timeline.Second::notificationsDue).max().orElse(0);
    }

    long maxLag() {
        return seconds.stream().mapToLong(Timeline.Second::consumerLag).max().orElse(0);
    }

    double averageCpu(String process) {
        return measured().mapToDouble(second -> sample(second, process).cpuPercent()).average().orElse(0);
    }

    long maxRss(String process) {
        return seconds.stream().mapToLong(second -> sample(second, process).rssMegabytes()).max().orElse(0);
    }

    /** PostgreSQL transactions per approved application over the measured seconds (refunds and notifications included). */
    double commitsPerApplication() {
        return perApplication(Timeline.Second::databaseCommits);
    }

    /** Rows PostgreSQL inserted, updated or deleted per approved application over the measured seconds. */
    double rowWritesPerApplication() {
        return perApplication(Timeline.Second::databaseRowWrites);
    }

    /** Statements the database ran per approved application over the measured seconds: its round trips, about. */
    double statementsPerApplication() {
        return approved == 0 ? 0 : (double) statementCalls / approved;
    }

    /** Kafka records on all topics per approved application over the measured seconds. */
    double recordsPerApplication() {
        return perApplication(Timeline.Second::kafkaRecords);
    }

    /** CPU milliseconds of these processes per approved application. */
    double cpuMillisPerApplication(List<String> processes) {
        return cpuMillisPerApplication(processes, Rest.NOTHING);
    }

    /** CPU milliseconds of these processes per approved application, beyond what they spend at rest. */
    double cpuMillisPerApplication(List<String> processes, Rest rest) {
        double cpuPercent = processes.stream().mapToDouble(process -> averageCpu(process) - rest.cpuPercent(process)).sum();
        return approved == 0 ? 0 : cpuPercent * 10 * measuredSeconds / approved;
    }

    private double perApplication(java.util.function.ToLongFunction<Timeline.Second> cumulative) {
        List<Timeline.Second> window = measured().toList();
        if (window.isEmpty() || approved == 0) {
            return 0;
        }
        int first = seconds.indexOf(window.get(0));
        long before = first > 0 ? cumulative.applyAsLong(seconds.get(first - 1)) : cumulative.applyAsLong(window.get(0));
        long after = cumulative.applyAsLong(window.get(window.size() - 1));
        return before < 0 || after < 0 ? 0 : (double) (after - before) / approved;
    }

    private static ProcessStats.Sample sample(Timeline.Second second, String process) {
        return second.processes().getOrDefault(process, new ProcessStats.Sample(process, 0, 0));
    }

    private java.util.stream.Stream<Timeline.Second> measured() {
        return seconds.stream().filter(Timeline.Second::measured);
    }

}
