package dev.loanflow.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import dev.loanflow.infra.AuthorizationServer;
import dev.loanflow.infra.Platform;
import dev.loanflow.infra.SpringBootProcess;
import dev.loanflow.schemas.KafkaAccess;
import dev.loanflow.schemas.SchemaDeployment;
import dev.loanflow.schemas.UpstreamPublishers;

/**
 * The whole flow under load on the real stack: the raw ceiling of the broker with Kafka's own tools and of the
 * database with its cheapest write transaction, then
 * applications through the input topic as fast as they complete (bank without added latency), at half that rate,
 * and at half that rate with the bank answering in 50-200 ms. Writes a Markdown report and a plot.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar [--duration=60] [--short-duration=30] [--warmup=60]
 *     [--refund-share=0.1] [--max-in-flight=400] [--out=benchmarks/results] [--service-settings=key=value,...]
 *     [--service-jvm=option,...] [--fastest-only] [--rate=N (the two latency runs at N/s, no fastest run)]</pre>
 */
public final class FlowBenchmark {

    // C1 only: on two cores shared by eight JVMs, C2 kept a compiler thread busy in every JVM minutes into the run;
    // without it the flow completed 50 % more applications per second (benchmarks/results/history.md)
    private static final List<String> SERVICE_JVM = List.of("-Xms96m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:MaxMetaspaceSize=160m", "-XX:ReservedCodeCacheSize=64m", "-Xss512k");

    // about what the services' connection pools have busy at full speed; pgbench on this machine committed a little
    // more with 8 clients than with 32
    private static final int DATABASE_CEILING_CONNECTIONS = 8;

    // rows a poll's transaction writes, about: the flow's row writes per application over its transactions
    private static final int POLL_ROWS = 8;

    private static final String WEBHOOK_RETRIES = "loanflow.delivery.retry-delays=1h";

    private final Map<String, String> arguments;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService refunds = Executors.newFixedThreadPool(4);
    private Platform platform;

    private FlowBenchmark(Map<String, String> arguments) {
        this.arguments = arguments;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Map<String, String> arguments = new java.util.HashMap<>();
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            arguments.put(pair[0], pair.length > 1 ? pair[1] : "true");
        }
        new FlowBenchmark(arguments).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path out = Path.of(arguments.getOrDefault("out", "benchmarks/results"));
        int duration = Integer.parseInt(arguments.getOrDefault("duration", "60"));
        int shortDuration = Integer.parseInt(arguments.getOrDefault("short-duration", "30"));
        int warmup = Integer.parseInt(arguments.getOrDefault("warmup", "60"));
        int maxInFlight = Integer.parseInt(arguments.getOrDefault("max-in-flight", "400"));

        if (arguments.containsKey("rate") && arguments.containsKey("fastest-only")) {
            throw new IllegalArgumentException("--rate skips the fastest run and --fastest-only the others: choose one");
        }
        log("starting the stack ...");
        Instant begin = Instant.now();
        platform = Platform.start(new Platform.Options(Path.of("."), Path.of(".loanflow", "benchmark-logs"),
                kafka -> KafkaAccess.prepare(kafka.adminProperties(), kafka::passwordOf, UpstreamPublishers.parse(Submissions.PUBLISHERS)),
                Submissions.PUBLISHERS,
                List.of(new AuthorizationServer.Client(Submissions.MERCHANT, java.util.UUID.randomUUID().toString(),
                        List.of("submit", "read", "refund"))),
                List.of("--loanflow.simulator.customer-decision-delay=0ms"), serviceSettings(), serviceJvm(),
                SchemaDeployment::registerAll));
        Duration startup = Duration.between(begin, Instant.now());
        log("stack up in %.1f s; measuring the broker alone ...", startup.toMillis() / 1000.0);
        try {
            int recordBytes = Load.recordBytes();
            BrokerCeiling.Result ceiling = BrokerCeiling.measure(platform.kafka, 300_000, recordBytes);
            log("broker: %.0f records/s produced, %.0f consumed", ceiling.producedPerSecond(), ceiling.consumedPerSecond());
            DatabaseCeiling.Result databaseCeiling = DatabaseCeiling.measure(platform::database, DATABASE_CEILING_CONNECTIONS,
                    recordBytes, Duration.ofSeconds(5), Duration.ofSeconds(20));
            log("database: %.0f transactions/s committed (synchronous_commit %s)", databaseCeiling.perSecond(),
                    databaseCeiling.synchronousCommit());
            DatabaseCeiling.Result pollCeiling = DatabaseCeiling.measure(platform::database, DATABASE_CEILING_CONNECTIONS,
                    recordBytes, POLL_ROWS, Duration.ofSeconds(5), Duration.ofSeconds(20));
            log("database: %.0f transactions/s of %d rows each, %.0f rows/s", pollCeiling.perSecond(), POLL_ROWS,
                    pollCeiling.rowsPerSecond());

            Rest rest;
            try (DatabaseNumbers database = new DatabaseNumbers(platform::database)) {
                Thread.sleep(5_000);
                rest = Rest.measure(processStats(), database, Duration.ofSeconds(20));
            }
            log("at rest: %.0f %% CPU (services, simulator, Kafka, PostgreSQL), %.1f transactions/s",
                    rest.cpuPercent(processNames().stream().filter(process -> !process.equals("benchmark")).toList()),
                    rest.commitsPerSecond());

            List<Run> runs = new ArrayList<>();
            double half;
            if (arguments.containsKey("rate")) {
                half = Double.parseDouble(arguments.get("rate"));
            } else {
                Run fastest = measure("as fast as it completes", "no added latency", "{}", 0, maxInFlight, warmup, duration);
                runs.add(fastest);
                half = Math.max(1, Math.floor(fastest.throughput() / 2));
            }
            if (!arguments.containsKey("fastest-only")) {
                String name = arguments.containsKey("rate") ? "the chosen rate" : "half that rate";
                // without a fastest run before it, the first run needs the full warm-up (the JVMs are cold)
                int firstWarmup = arguments.containsKey("rate") ? warmup : 10;
                runs.add(measure(name, "no added latency", "{}", half, maxInFlight, firstWarmup, shortDuration));
                runs.add(measure(name + ", slow bank", "50-200 ms per call",
                        "{\"latencyMillis\":50,\"latencyJitterMillis\":150}", half, maxInFlight, 10, shortDuration));
            }
            Report.write(out, startup, new DatabaseProfile(platform).commitSettings(), ceiling, databaseCeiling, pollCeiling,
                    rest, runs,
                    processNames());
            log("report: %s", out.resolve("flow-benchmark.md"));
        } finally {
            refunds.shutdownNow();
            platform.close();
        }
    }

    /** {@code --service-jvm=-Xmx300m,-XX:TieredStopAtLevel=1} replaces the services' JVM options, for experiments. */
    private List<String> serviceJvm() {
        String options = arguments.getOrDefault("service-jvm", "");
        return options.isBlank() ? SERVICE_JVM : List.of(options.split(","));
    }

    /**
     * {@code --service-settings=a=b,c=d} passes Spring settings to every service, for experiments. The benchmark's
     * merchant webhook goes to an address that does not resolve; its retries are an hour apart, so a failing merchant
     * endpoint does not add the load of its retries.
     */
    private List<String> serviceSettings() {
        List<String> settings = new ArrayList<>(List.of("--" + WEBHOOK_RETRIES));
        String extra = arguments.getOrDefault("service-settings", "");
        if (!extra.isBlank()) {
            java.util.Arrays.stream(extra.split(",")).map(setting -> "--" + setting).forEach(settings::add);
        }
        return settings;
    }

    private Run measure(String name, String bank, String faults, double rate, int maxInFlight, int warmup, int duration)
            throws Exception {
        simulator("PUT", "/sandbox/faults", faults);
        double refundShare = Double.parseDouble(arguments.getOrDefault("refund-share", "0.1"));
        FlowObserver observer = new FlowObserver(platform.kafka.adminProperties(), platform.registry.registryApiUrl(),
                applicationId -> {
                    if (ThreadLocalRandom.current().nextDouble() < refundShare) {
                        refunds.execute(() -> refund(applicationId));
                    }
                });
        Timeline timeline = new Timeline(platform, observer, processStats());
        timeline.awaitQuiet(Duration.ofMinutes(3));
        long refundedBefore = observer.refunded.get();
        String offered = rate > 0 ? String.format("%.0f/s", rate) : "as fast as possible (at most " + maxInFlight + " in flight)";
        log("run: %s, bank %s, offered %s, %d s warm-up + %d s measured", name, bank, offered, warmup, duration);
        try (Load load = new Load(platform.kafka.clientProperties(Submissions.PUBLISHER),
                platform.registry.registryApiUrl(), observer)) {
            Thread loader = new Thread(() -> {
                try {
                    load.run(rate, maxInFlight, Duration.ofSeconds(warmup + duration));
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            });
            loader.start();
            DatabaseProfile database = new DatabaseProfile(platform);
            List<DatabaseProfile.Entry> statements = List.of();
            long statementCalls = 0;
            long start = System.nanoTime();
            int second = 0;
            boolean statementsReset = false;
            // ticks follow the wall clock: on a busy machine a tick can take longer than a second, and counting ticks
            // as seconds would stretch the measured window past its duration
            while (loader.isAlive() || (observer.inFlight() > 0 && second < warmup + duration + 30)) {
                Thread.sleep((Math.max(0, start + (second + 1) * 1_000_000_000L - System.nanoTime()) + 999_999) / 1_000_000);
                second = (int) ((System.nanoTime() - start) / 1_000_000_000L);
                boolean measuring = second > warmup && second <= warmup + duration;
                if (measuring && !statementsReset) {
                    database.reset();
                    statementsReset = true;
                }
                timeline.tick(second, measuring);
                if (second >= warmup + duration && statements.isEmpty() && statementsReset) {
                    statements = database.top(15);
                    statementCalls = database.totalCalls();
                }
                Timeline.Second now = timeline.seconds.get(timeline.seconds.size() - 1);
                System.out.printf("  %3d s %s submitted %5d/s approved %5d/s events %6d/s p99 %7.1f ms backlog %5d lag %6d "
                                + "notifications due %6d%n", second, measuring ? "*" : " ", now.submitted(), now.approved(),
                        now.events(), now.p99Millis(), now.outboxBacklog(), now.consumerLag(), now.notificationsDue());
            }
            loader.join();
            long approvedMeasured = timeline.seconds.stream().filter(Timeline.Second::measured)
                    .mapToLong(Timeline.Second::approved).sum();
            double measuredSeconds = timeline.seconds.stream().filter(Timeline.Second::measured)
                    .mapToDouble(Timeline.Second::elapsedSeconds).sum();
            Run run = new Run(name, bank, offered, measuredSeconds, approvedMeasured, observer.refunded.get() - refundedBefore,
                    timeline.measured, List.copyOf(timeline.measuredJourneys), List.copyOf(timeline.seconds), statements, statementCalls);
            log("  -> %.1f approved/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms", run.throughput(), run.millis(50),
                    run.millis(99), run.maxMillis());
            return run;
        } finally {
            timeline.close();
            observer.close();
        }
    }

    private void refund(String applicationId) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(platform.originationUrl() + "/applications/"
                            + applicationId + "/refunds"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + platform.authorization.token(Submissions.MERCHANT))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":" + Submissions.loanAmount() + "}")).build();
            http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (Exception ignored) {
            // a refund that could not be asked for only lowers the refunded count the report shows
        }
    }

    private List<ProcessStats> processStats() {
        List<ProcessStats> stats = new ArrayList<>();
        for (String service : Platform.SERVICES) {
            SpringBootProcess process = platform.service(service);
            stats.add(new ProcessStats(service, () -> List.of(process.pid())));
        }
        stats.add(new ProcessStats("bank-simulator", () -> List.of(platform.simulator.pid())));
        stats.add(new ProcessStats("kafka", () -> List.of(platform.kafka.pid())));
        stats.add(new ProcessStats("postgresql", ProcessStats::postgresProcesses));
        stats.add(new ProcessStats("benchmark", () -> List.of(ProcessHandle.current().pid())));
        return stats;
    }

    private static List<String> processNames() {
        List<String> names = new ArrayList<>(Platform.SERVICES);
        names.addAll(List.of("bank-simulator", "kafka", "postgresql", "benchmark"));
        return names;
    }

    private void simulator(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.simulator.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        http.send(request, HttpResponse.BodyHandlers.discarding());
    }

    private static void log(String format, Object... values) {
        System.out.printf("[benchmark] " + format + "%n", values);
    }
}
