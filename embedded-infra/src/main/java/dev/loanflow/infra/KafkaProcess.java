package dev.loanflow.infra;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) run as a child JVM on a fixed port, from
 * the broker code on this JVM's classpath: Kafka's own {@code kafka.Kafka}, its storage formatted first (in this JVM)
 * with {@code kafka.tools.StorageTool}. C1 only and the serial collector: on two cores shared with the services, the
 * broker is quicker to start and leaves more CPU to them. Unlike the in-process broker it keeps its port and can be
 * killed and restarted. Clients authenticate (SASL: SCRAM-SHA-512 for principals, PLAIN for the administrator, whose
 * password is made up per run) and are authorized by ACLs; nothing is allowed without one.
 */
public final class KafkaProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private static final SecureRandom RANDOM = new SecureRandom();

    private volatile Process process;
    private final int port;
    private final Path properties;
    private final Path log;
    private final String adminPassword;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();

    private KafkaProcess(int port, Path properties, Path log, String adminPassword) {
        this.port = port;
        this.properties = properties;
        this.log = log;
        this.adminPassword = adminPassword;
    }

    public static KafkaProcess start(int port) {
        Path home = TempDirectories.create("kafka-process");
        Path properties = home.resolve("server.properties");
        int controllerPort = FreePorts.find();
        String adminPassword = randomPassword();
        String admin = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\""
                + adminPassword + "\" user_admin=\"" + adminPassword + "\";";
        try {
            Files.writeString(properties, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=SASL_PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
                    "inter.broker.listener.name=SASL_PLAINTEXT",
                    // clients authenticate with SCRAM; only the broker's administrator (itself) with PLAIN
                    "listener.name.sasl_plaintext.sasl.enabled.mechanisms=SCRAM-SHA-512,PLAIN",
                    "listener.name.sasl_plaintext.plain.sasl.jaas.config=" + admin,
                    "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
                    "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                    "listener.name.controller.plain.sasl.jaas.config=" + admin,
                    "sasl.mechanism.inter.broker.protocol=PLAIN",
                    "sasl.mechanism.controller.protocol=PLAIN",
                    "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                    "super.users=User:admin",
                    "allow.everyone.if.no.acl.found=false",
                    "log.dirs=" + home.resolve("data"),
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=6",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "auto.create.topics.enable=false") + "\n");
            Path log = home.resolve("kafka.log");
            int formatted = kafka.tools.StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                    properties.toString()}, new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8));
            if (formatted != 0) {
                throw new IllegalStateException("Kafka storage not formatted; see " + log);
            }
            KafkaProcess kafka = new KafkaProcess(port, properties, log, adminPassword);
            kafka.restart();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The administrator's client settings (a super user: for the harness, not for the services). */
    public Map<String, Object> adminProperties() {
        return Map.of("bootstrap.servers", bootstrapServers(), "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN", "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule "
                        + "required username=\"admin\" password=\"" + adminPassword + "\";");
    }

    /** A principal's password for this broker's run, made up the first time it is asked for. */
    public String passwordOf(String principal) {
        return passwords.computeIfAbsent(principal, any -> randomPassword());
    }

    /** A principal's client settings (SCRAM-SHA-512), once its credential has been created. */
    public Map<String, Object> clientProperties(String principal) {
        return clientProperties(principal, passwordOf(principal));
    }

    /** With a password of the caller's choosing (a wrong one, say). */
    public Map<String, Object> clientProperties(String principal, String password) {
        return Map.of("bootstrap.servers", bootstrapServers(), "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule "
                        + "required username=\"" + principal + "\" password=\"" + password + "\";");
    }

    /** A fresh random password, for a principal whose password is chosen before the broker runs. */
    public static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Kills the broker without a controlled shutdown, as a crash or a pulled plug would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not die", e);
        }
    }

    /** Starts the broker (again) on its port with its data, and waits until it answers. */
    public void restart() {
        try {
            process = run(command(List.of("kafka.Kafka", properties.toString()), true), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildProcesses.registerInfrastructure(process);
        awaitReady(log);
    }

    public void createTopics(List<NewTopic> topics) {
        try (Admin admin = Admin.create(adminProperties())) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("topic creation failed", e);
            }
        }
    }

    private void awaitReady(Path log) {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited during start-up; see " + log);
            }
            Map<String, Object> settings = new HashMap<>(adminProperties());
            settings.put("request.timeout.ms", 2000);
            try (Admin admin = Admin.create(settings)) {
                admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                // keep trying until the deadline
            }
        }
        throw new IllegalStateException("Kafka not ready within " + STARTUP_TIMEOUT + "; see " + log);
    }

    /** Runs one of Kafka's command-line tools (e.g. its producer performance test) to completion; returns its output. */
    public static String runTool(String mainClass, List<String> arguments, Duration timeout) {
        try {
            Path log = Files.createTempFile(TempDirectories.root(), "kafka-tool", ".log");
            List<String> command = new ArrayList<>(List.of(mainClass));
            command.addAll(arguments);
            Process tool = run(command(command, false), log);
            ChildProcesses.register(tool);
            if (!tool.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                tool.destroyForcibly();
                throw new IllegalStateException(mainClass + " did not finish within " + timeout + "; see " + log);
            }
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    private static Process run(List<String> command, Path log) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /**
     * A JVM running a main class of the Kafka code on this JVM's classpath, also from inside a Spring Boot fat jar:
     * from the jar the build unpacks beside it when there is one (plain jars load faster, and their classes can be
     * shared between starts, see {@link ClassDataArchive}: the broker's archive is kept beside that jar), else through
     * the fat jar's own launcher.
     */
    private static List<String> command(List<String> mainAndArguments, boolean broker) {
        String classPath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        Optional<Path> unpacked = unpackedLauncher(classPath);
        if (unpacked.isPresent()) {
            if (broker) {
                command.addAll(new ClassDataArchive(unpacked.get(), "kafka-broker").jvmOptions());
            }
            command.addAll(List.of("-cp", unpacked.get().toString()));
            command.addAll(mainAndArguments);
        } else if (isSpringBootJar(classPath)) {
            command.addAll(List.of("-cp", classPath, "-Dloader.main=" + mainAndArguments.get(0),
                    "org.springframework.boot.loader.launch.PropertiesLauncher"));
            command.addAll(mainAndArguments.subList(1, mainAndArguments.size()));
        } else {
            command.addAll(List.of("-cp", classPath));
            command.addAll(mainAndArguments);
        }
        return command;
    }

    private static Optional<Path> unpackedLauncher(String classPath) {
        if (!isSpringBootJar(classPath)) {
            return Optional.empty();
        }
        Path fatJar = Path.of(classPath).toAbsolutePath();
        Path unpacked = SpringBootProcess.fastestToLoad(fatJar);
        return unpacked.equals(fatJar) ? Optional.empty() : Optional.of(unpacked);
    }

    private static boolean isSpringBootJar(String classPath) {
        return !classPath.contains(java.io.File.pathSeparator) && classPath.endsWith(".jar");
    }

    @Override
    public void close() {
        ChildProcesses.stop(process.toHandle());
    }
}
