package dev.loanflow.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/** CPU time and resident memory of a group of processes, read from /proc (Linux). */
final class ProcessStats {

    private static final double TICKS_PER_SECOND = 100.0;

    private final String name;
    private final Supplier<List<Long>> pids;
    private long lastTicks = -1;
    private long lastNanos;

    ProcessStats(String name, Supplier<List<Long>> pids) {
        this.name = name;
        this.pids = pids;
    }

    record Sample(String name, double cpuPercent, long rssMegabytes) {
    }

    String name() {
        return name;
    }

    Sample sample() {
        long ticks = 0;
        long rssKilobytes = 0;
        for (long pid : pids.get()) {
            ticks += cpuTicks(pid);
            rssKilobytes += rssKilobytes(pid);
        }
        long now = System.nanoTime();
        double cpu = lastTicks < 0 ? 0 : (ticks - lastTicks) / TICKS_PER_SECOND / ((now - lastNanos) / 1e9) * 100;
        lastTicks = ticks;
        lastNanos = now;
        return new Sample(name, cpu, rssKilobytes / 1024);
    }

    /** Every running PostgreSQL process: the postmaster and its backends. */
    static List<Long> postgresProcesses() {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static long rssKilobytes(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(0);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
