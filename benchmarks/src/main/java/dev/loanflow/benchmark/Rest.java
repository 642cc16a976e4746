package dev.loanflow.benchmark;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stack with nothing to do, before the first application: what each process spends on polling, schedules and
 * housekeeping, which a run's CPU per application would otherwise charge to the applications.
 */
record Rest(double seconds, Map<String, Double> cpuPercents, double commitsPerSecond, double rowWritesPerSecond) {

    static final Rest NOTHING = new Rest(0, Map.of(), 0, 0);

    static Rest measure(List<ProcessStats> processes, DatabaseNumbers database, Duration window)
            throws InterruptedException {
        processes.forEach(ProcessStats::sample);
        long commits = database.number("select sum(xact_commit) from pg_stat_database");
        long rowWrites = database.number("select sum(tup_inserted + tup_updated + tup_deleted) from pg_stat_database");
        long start = System.nanoTime();
        Thread.sleep(window.toMillis());
        Map<String, Double> cpu = new LinkedHashMap<>();
        processes.forEach(process -> cpu.put(process.name(), process.sample().cpuPercent()));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Rest(seconds, cpu,
                (database.number("select sum(xact_commit) from pg_stat_database") - commits) / seconds,
                (database.number("select sum(tup_inserted + tup_updated + tup_deleted) from pg_stat_database") - rowWrites)
                        / seconds);
    }

    double cpuPercent(String process) {
        return cpuPercents.getOrDefault(process, 0.0);
    }

    double cpuPercent(List<String> processes) {
        return processes.stream().mapToDouble(this::cpuPercent).sum();
    }
}
