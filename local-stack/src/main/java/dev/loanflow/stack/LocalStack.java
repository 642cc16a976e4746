package dev.loanflow.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import dev.loanflow.infra.ChildProcesses;
import dev.loanflow.infra.KafkaBroker;
import dev.loanflow.infra.PostgresServer;
import dev.loanflow.infra.SchemaRegistryServer;
import dev.loanflow.schemas.Topic;

/**
 * Starts the whole platform on this machine without Docker: Kafka (KRaft), PostgreSQL and the schema registry,
 * then the bank simulator and the three services as separate JVMs. Ctrl-C stops everything it started.
 */
public final class LocalStack {

    static final int KAFKA_PORT = Integer.getInteger("loanflow.kafka.port", 9092);
    static final int POSTGRES_PORT = Integer.getInteger("loanflow.postgres.port", 15432);
    static final int REGISTRY_PORT = Integer.getInteger("loanflow.registry.port", 8081);
    static final Duration SERVICE_STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private static final PrintStream OUT = System.out;
    private static final List<Service> SERVICES = List.of(
            new Service("bank-simulator", 8090),
            new Service("origination-service", 8080),
            new Service("bank-gateway-service", 8082),
            new Service("notification-service", 8083));

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        Instant start = Instant.now();
        Path root = Path.of(System.getProperty("loanflow.root", ".")).toAbsolutePath().normalize();
        Path logs = Files.createDirectories(root.resolve(".loanflow/logs"));
        OUT.println("Loanflow local stack (no Docker) - logs in " + root.relativize(logs));

        KafkaBroker kafka = step("Kafka broker (KRaft)", () -> KafkaBroker.start(KAFKA_PORT));
        PostgresServer postgres = step("PostgreSQL", () -> PostgresServer.start(POSTGRES_PORT));
        SchemaRegistryServer registry = step("Apicurio schema registry", () -> SchemaRegistryServer.start(REGISTRY_PORT));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            registry.close();
            postgres.close();
            kafka.close();
        }));
        step("topics", () -> {
            kafka.createTopics(allTopics());
            return null;
        });

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("SCHEMA_REGISTRY_URL", registry.registryApiUrl());
        environment.put("DATABASE_URL", "jdbc:postgresql://localhost:" + postgres.port() + "/" + PostgresServer.DATABASE);
        environment.put("DATABASE_USER", PostgresServer.USER);
        environment.put("DATABASE_PASSWORD", PostgresServer.PASSWORD);

        List<Process> processes = new ArrayList<>();
        for (Service service : SERVICES) {
            processes.add(service.launch(root, logs, environment));
        }
        for (int i = 0; i < SERVICES.size(); i++) {
            Service service = SERVICES.get(i);
            Process process = processes.get(i);
            step(service.name() + " on :" + service.port(), () -> service.awaitHealthy(process, logs));
        }

        printSummary(kafka, postgres, registry, Duration.between(start, Instant.now()));
        new CountDownLatch(1).await();
    }

    private static List<org.apache.kafka.clients.admin.NewTopic> allTopics() {
        short replication = 1;
        List<org.apache.kafka.clients.admin.NewTopic> topics = new ArrayList<>();
        Arrays.stream(Topic.values()).forEach(topic -> {
            topics.add(topic.newTopic(replication));
            topics.add(topic.newDeadLetterTopic(replication));
        });
        return topics;
    }

    private static <T> T step(String what, Supplier<T> action) {
        OUT.printf("  starting %-34s", what + " ...");
        OUT.flush();
        Instant begin = Instant.now();
        try {
            T result = action.get();
            OUT.printf("ready in %4.1f s%n", Duration.between(begin, Instant.now()).toMillis() / 1000.0);
            return result;
        } catch (RuntimeException e) {
            OUT.println("FAILED");
            OUT.println(e.getMessage());
            System.exit(1);
            throw e;
        }
    }

    private static void printSummary(KafkaBroker kafka, PostgresServer postgres, SchemaRegistryServer registry,
                                     Duration took) {
        OUT.printf("%nLoanflow is up in %.1f s. Ctrl-C stops everything.%n%n", took.toMillis() / 1000.0);
        row("Kafka bootstrap", kafka.bootstrapServers());
        row("Schema registry (Confluent API)", registry.confluentApiUrl());
        row("Schema registry (Apicurio API)", registry.registryApiUrl());
        row("PostgreSQL", "jdbc:postgresql://localhost:" + postgres.port() + "/" + PostgresServer.DATABASE
                + " (user " + PostgresServer.USER + ", data discarded on exit)");
        for (Service service : SERVICES) {
            row(service.name(), "http://localhost:" + service.port() + "  (health: /actuator/health)");
        }
    }

    private static void row(String name, String value) {
        OUT.printf("  %-32s %s%n", name, value);
    }

    record Service(String name, int port) {

        Process launch(Path root, Path logs, Map<String, String> environment) {
            Path jar = root.resolve(name).resolve("target").resolve(name + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: run ./mvnw -DskipTests install first");
            }
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(logs.resolve(name + ".log").toFile());
            builder.environment().putAll(environment);
            builder.environment().put("SERVER_PORT", String.valueOf(port));
            try {
                Process process = builder.start();
                ChildProcesses.register(process);
                return process;
            } catch (IOException e) {
                throw new IllegalStateException("could not start " + name, e);
            }
        }

        Void awaitHealthy(Process process, Path logs) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build();
            Instant deadline = Instant.now().plus(SERVICE_STARTUP_TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited; see " + logs.resolve(name + ".log"));
                }
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return null;
                    }
                } catch (IOException notUpYet) {
                    // keep polling
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                pause();
            }
            throw new IllegalStateException(name + " not healthy within " + SERVICE_STARTUP_TIMEOUT);
        }

        private static void pause() {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
