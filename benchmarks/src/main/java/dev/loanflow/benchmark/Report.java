package dev.loanflow.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The Markdown report and the latency/throughput plot. */
final class Report {

    private Report() {
    }

    static void write(Path directory, Duration startup, String databaseCommitSettings, BrokerCeiling.Result ceiling,
                      DatabaseCeiling.Result databaseCeiling, DatabaseCeiling.Result pollCeiling, Rest rest, List<Run> runs,
                      List<String> processes)
            throws IOException {
        Files.createDirectories(directory);
        plot(directory.resolve("flow-benchmark.png"), runs);
        StringBuilder md = new StringBuilder();
        Run fastest = runs.get(0);
        md.append("# Flow benchmark\n\n");
        md.append(String.format("%s, %d cores, %d GiB RAM, %s %s. Everything on this machine: Kafka, PostgreSQL, the registry, "
                        + "the authorization server, the bank simulator, the three services (each `-Xmx256m -XX:+UseSerialGC "
                        + "-XX:TieredStopAtLevel=1`) "
                        + "and this benchmark. PostgreSQL's commit settings: `%s`.%n%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), totalMemoryGib(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), databaseCommitSettings));
        md.append("Reproduce: `./mvnw -q -DskipTests install && java -jar benchmarks/target/benchmarks.jar`\n\n");
        md.append(String.format("Stack started in %.1f s (all processes healthy).%n%n", startup.toMillis() / 1000.0));
        md.append("## The broker alone\n\n");
        md.append(String.format("Kafka's `ProducerPerformance` and `ConsumerPerformance`, %,d records of %d bytes (one "
                        + "`ApplicationSubmitted` as the registry serde writes it), 6 partitions, acks=all, idempotent, linger 5 ms: "
                        + "**%,.0f records/s produced** (%.1f MB/s; %s), **%,.0f records/s consumed**.%n%n",
                ceiling.records(), ceiling.recordBytes(), ceiling.producedPerSecond(), ceiling.producerMegabytesPerSecond(),
                ceiling.producerLatency(), ceiling.consumedPerSecond()));
        md.append("## The database alone\n\n");
        md.append(String.format("%d connections, each inserting one row of %d bytes and committing it (autocommit), as fast "
                        + "as PostgreSQL commits them, `synchronous_commit` %s: **%,.0f transactions/s** over %.0f s. That is "
                        + "the cheapest write transaction there is; a flow that needs T of them per application completes at "
                        + "most this rate divided by T, even with the machine to itself (see the column below).%n%n",
                databaseCeiling.connections(), databaseCeiling.rowBytes(), databaseCeiling.synchronousCommit(),
                databaseCeiling.perSecond(), databaseCeiling.seconds()));
        md.append(String.format("The same with %d rows in one statement per transaction, as a poll's writes are: **%,.0f "
                        + "transactions/s, %,.0f rows/s**. Commits stop binding once writes are grouped; the rows a second "
                        + "over the flow's row writes per application bound it instead (the column below).%n%n",
                pollCeiling.rowsPerTransaction(), pollCeiling.perSecond(), pollCeiling.rowsPerSecond()));
        md.append("## The flow\n\n");
        md.append("Applications published on `loan.applications.submitted.v1.bench-checkout` (as that upstream publisher's "
                + "SCRAM principal), each approved by its customer at the bank; a "
                + "tenth of the approved loans refunded in full through the REST API. Latency: from publishing the submission "
                + "to its `APPROVED` event arriving on `loan.applications.lifecycle.v1` (HdrHistogram).\n\n");
        md.append("| run | bank | offered | approved/s | of the broker's produce rate | events/s | p50 | p95 | p99 | max | refunded | max outbox backlog | max consumer lag | max notifications due |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Run run : runs) {
            md.append(String.format("| %s | %s | %s | **%.1f** | %.3f %% | %.0f | %.1f ms | %.1f ms | **%.1f ms** | %.1f ms | %d | %d | %d | %d |%n",
                    run.name(), run.bank(), run.offered(), run.throughput(), 100 * run.throughput() / ceiling.producedPerSecond(),
                    run.eventsPerSecond(), run.millis(50), run.millis(95), run.millis(99), run.maxMillis(), run.refunded(),
                    run.maxBacklog(), run.maxLag(), run.maxNotificationsDue()));
        }
        List<String> measuredProcesses = processes.stream().filter(process -> !process.equals("benchmark")).toList();
        List<String> ours = measuredProcesses.stream().filter(process -> !process.equals("bank-simulator")).toList();
        md.append("\nWhat one approved application cost, over the measured seconds (its refund share and notifications "
                + "included): CPU of every process but the benchmark's own; the same without the bank simulator (ours: the "
                + "services, Kafka, PostgreSQL); ours beyond what they spend at rest (below); the database's statements (about its "
                + "round trips), row writes and transactions; Kafka records; and the most applications per second the database "
                + "alone would commit at that many one-row transactions each, and write at that many rows in grouped ones:\n\n| run | CPU, all processes | CPU, ours | CPU, ours "
                + "beyond rest | statements | row writes | PostgreSQL transactions | Kafka records | the database alone allows "
                + "(one-row transactions / grouped rows) |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Run run : runs) {
            md.append(String.format("| %s | %.1f ms | %.1f ms | %.1f ms | %.1f | %.1f | %.1f | %.1f | %.0f/s / %.0f/s |%n", run.name(),
                    run.cpuMillisPerApplication(measuredProcesses), run.cpuMillisPerApplication(ours),
                    run.cpuMillisPerApplication(ours, rest), run.statementsPerApplication(), run.rowWritesPerApplication(),
                    run.commitsPerApplication(), run.recordsPerApplication(),
                    databaseCeiling.perSecond() / Math.max(1, run.commitsPerApplication()),
                    pollCeiling.rowsPerSecond() / Math.max(1, run.rowWritesPerApplication())));
        }
        md.append(String.format("%n## The stack at rest%n%nOver %.0f s before the first run, with nothing submitted: %.1f "
                        + "PostgreSQL transactions/s and %.1f row writes/s (schedules, claims, relays), and each process's CPU "
                        + "(100 %% = one core): %s; %.0f %% in all, of the 200 %% the machine has.%n",
                rest.seconds(), rest.commitsPerSecond(), rest.rowWritesPerSecond(),
                String.join(", ", measuredProcesses.stream().map(process -> String.format("%s %.1f %%", process,
                        rest.cpuPercent(process))).toList()), rest.cpuPercent(measuredProcesses)));
        md.append("\n## Where an application's time goes\n\nThe hops between submission and `APPROVED`, cut at the events' "
                + "`occurredAt` (the clock of the service that made each event, as it made it) and their records' timestamps "
                + "(when an outbox relay sent them) on the lifecycle, bank-request and bank-outcome topics: each step's median "
                + "and p99 over the measured applications, and its mean over the slowest 1 % of them, which says where the "
                + "tail comes from. Applications with every mark: ");
        md.append(String.join(", ", runs.stream().map(run -> String.format("%s %d of %d", run.name(), run.journeys().size(),
                run.approved())).toList())).append(".\n\n");
        md.append("| step |");
        runs.forEach(run -> md.append(" ").append(run.name()).append(": p50 / p99 / slowest 1 % |"));
        md.append("\n|---|");
        runs.forEach(run -> md.append("---|"));
        md.append("\n");
        List<List<Journey.StepFigures>> figures = runs.stream().map(run -> Journey.figures(run.journeys())).toList();
        for (Journey.Step step : Journey.Step.values()) {
            md.append("| ").append(step.description).append(" |");
            for (List<Journey.StepFigures> run : figures) {
                md.append(run.isEmpty() ? " |" : String.format(" %.0f / %.0f / %.0f ms |", run.get(step.ordinal()).p50Millis(),
                        run.get(step.ordinal()).p99Millis(), run.get(step.ordinal()).meanOfSlowestMillis()));
            }
            md.append("\n");
        }
        md.append("\n## Where PostgreSQL's time goes\n\nThe statements that took the most of the database's time in the first run's "
                + "measured seconds (`pg_stat_statements`), per approved application:\n\n"
                + "| statement | calls per application | mean | share of statement time |\n|---|---|---|---|\n");
        double statementMillis = fastest.statements().stream().mapToDouble(DatabaseProfile.Entry::totalMillis).sum();
        for (DatabaseProfile.Entry entry : fastest.statements()) {
            md.append(String.format("| `%s` | %.2f | %.3f ms | %.0f %% |%n", abbreviate(entry.query()),
                    fastest.approved() == 0 ? 0.0 : (double) entry.calls() / fastest.approved(),
                    entry.calls() == 0 ? 0.0 : entry.totalMillis() / entry.calls(), 100 * entry.totalMillis() / statementMillis));
        }
        md.append("\n## Over time\n\nEvery tenth second of each run (* measured): approved that second, its p99, the outbox "
                + "backlog of origination and the gateway, the consumer lag of the three services, and the notifications due to be "
                + "sent.\n\n");
        md.append("| run | second | approved/s | p99 | outbox backlog | consumer lag | notifications due |\n|---|---|---|---|---|---|---|\n");
        for (Run run : runs) {
            for (Timeline.Second second : run.seconds()) {
                if (second.second() % 10 == 0) {
                    md.append(String.format("| %s | %d%s | %d | %.0f ms | %d | %d | %d |%n", run.name(), second.second(),
                            second.measured() ? "*" : "", second.approved(), second.p99Millis(), second.outboxBacklog(),
                            second.consumerLag(), second.notificationsDue()));
                }
            }
        }
        md.append("\n## Processes\n\nAverage CPU (100 % = one core) over the measured seconds, and the largest resident set, per run "
                + "(PostgreSQL: the sum over its processes, so its shared buffers count once per process).\n\n");
        md.append("| process | at rest |");
        runs.forEach(run -> md.append(" ").append(run.name()).append(" |"));
        md.append("\n|---|---|");
        runs.forEach(run -> md.append("---|"));
        md.append("\n");
        for (String process : processes) {
            md.append("| ").append(process).append(String.format(" | %.1f %% CPU |", rest.cpuPercent(process)));
            for (Run run : runs) {
                md.append(String.format(" %.0f %% CPU, %d MB |", run.averageCpu(process), run.maxRss(process)));
            }
            md.append("\n");
        }
        md.append(String.format("%n![approved per second and p99 latency, second by second](flow-benchmark.png)%n%n"
                + "The ratio to the broker's produce rate compares one approved application with one raw record; an "
                + "application costs about %.0f lifecycle events plus the requests, outcomes and notifications behind them.%n",
                fastest.eventsPerSecond() / Math.max(1, fastest.throughput())));
        Files.writeString(directory.resolve("flow-benchmark.md"), md.toString());
    }

    private static void plot(Path file, List<Run> runs) throws IOException {
        XYChart chart = new XYChartBuilder().width(1100).height(520).title("Loanflow: approved applications per second and p99 latency")
                .xAxisTitle("second of the run").yAxisTitle("approved / s").build();
        chart.setYAxisGroupTitle(1, "p99 ms (that second)");
        int offset = 0;
        for (Run run : runs) {
            List<Timeline.Second> seconds = run.seconds();
            double[] x = seconds.stream().mapToDouble(Timeline.Second::second).toArray();
            for (int i = 0; i < x.length; i++) {
                x[i] += offset;
            }
            XYSeries throughput = chart.addSeries(run.name() + ": approved/s", x,
                    seconds.stream().mapToDouble(Timeline.Second::approved).toArray());
            throughput.setMarker(SeriesMarkers.NONE);
            XYSeries latency = chart.addSeries(run.name() + ": p99 ms", x,
                    seconds.stream().mapToDouble(Timeline.Second::p99Millis).toArray());
            latency.setMarker(SeriesMarkers.NONE);
            latency.setYAxisGroup(1);
            offset += seconds.size() + 5;
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static long totalMemoryGib() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        }
        return 0;
    }

    private static String abbreviate(String query) {
        String oneLine = query.replace("|", "\\|").replace("`", "'");
        return oneLine.length() <= 110 ? oneLine : oneLine.substring(0, 107) + "...";
    }
}
