package dev.loanflow.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The whole platform on this machine on free ports: Kafka as its own process (so it can be killed and restarted),
 * PostgreSQL, the registry, the authorization server, an SMTP server, the bank simulator and every service as its
 * own JVM, each of which can be killed hard, restarted, or run more than once. Used by the system tests and the
 * benchmark; the local stack runs the same parts on fixed ports.
 */
public final class Platform implements AutoCloseable {

    public static final Duration STARTUP = Duration.ofSeconds(120);
    public static final List<String> SERVICES = List.of("origination-service", "bank-gateway-service", "notification-service");

    /**
     * Where the modules' jars are; the deploy steps that prepare the broker (topics, principals and their ACLs) and
     * register the schemas (given the registry's Confluent API URL) before the services start; the upstream publishers
     * ({@code UPSTREAM_PUBLISHERS}); settings for the simulator and the services.
     */
    public record Options(Path root, Path logs, Consumer<KafkaProcess> prepareKafka, String upstreamPublishers,
                          List<AuthorizationServer.Client> clients, List<String> simulatorSettings,
                          List<String> serviceSettings, List<String> jvmOptions, BiConsumer<String, String> registerSchemas) {
    }

    /** The deploy step's own client: the only one whose tokens the registry takes for writes. */
    public static final String SCHEMA_DEPLOYER = "schema-deployer";

    public final KafkaProcess kafka;
    public final PostgresServer postgres;
    public volatile SchemaRegistryServer registry;
    public final AuthorizationServer authorization;
    public final SpringBootProcess simulator;
    private final GreenMail smtp;
    private final Options options;
    private final Map<String, String> environment;
    private final Map<String, List<SpringBootProcess>> instances = new LinkedHashMap<>();

    private Platform(Options options) {
        this.options = options;
        try {
            Files.createDirectories(options.logs());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExecutorService starters = Executors.newFixedThreadPool(4);
        try {
            // nothing here needs another part: on two cores starting them together saves a third of the wait
            CompletableFuture<KafkaProcess> startingKafka = CompletableFuture.supplyAsync(
                    () -> KafkaProcess.start(FreePorts.find()), starters);
            CompletableFuture<PostgresServer> startingPostgres = CompletableFuture.supplyAsync(() -> PostgresServer.start(0), starters);
            int authorizationPort = FreePorts.find();
            CompletableFuture<SchemaRegistryServer> startingRegistry = startingPostgres.thenApplyAsync(
                    database -> SchemaRegistryServer.startProtected(0, database.registryStorage(),
                            "http://localhost:" + authorizationPort), starters);
            List<AuthorizationServer.Client> clients = new ArrayList<>(options.clients());
            clients.add(new AuthorizationServer.Client(SCHEMA_DEPLOYER, UUID.randomUUID().toString(), List.of("schemas")));
            CompletableFuture<AuthorizationServer> startingAuthorization = CompletableFuture.supplyAsync(
                    () -> AuthorizationServer.start(jar("authorization-server"), authorizationPort, clients,
                            signingKey(), options.logs().resolve("authorization-server.log")), starters);
            SpringBootProcess startingSimulator = SpringBootProcess.start("bank-simulator", jar("bank-simulator"),
                    FreePorts.find(), Map.of(), options.jvmOptions(), options.simulatorSettings(),
                    options.logs().resolve("bank-simulator.log"));
            kafka = startingKafka.join();
            postgres = startingPostgres.join();
            registry = startingRegistry.join();
            authorization = startingAuthorization.join();
            simulator = startingSimulator.awaitHealthy(STARTUP);
        } finally {
            starters.shutdown();
        }
        int smtpPort = FreePorts.find();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        options.prepareKafka().accept(kafka);
        options.registerSchemas().accept(registry.confluentApiUrl(), authorization.token(SCHEMA_DEPLOYER));
        int gatewayPort = FreePorts.find();
        environment = new ServiceEnvironment(kafka.bootstrapServers(), registry.registryApiUrl(), postgres.jdbcUrl(),
                authorization.issuer(), simulator.baseUrl(), "http://localhost:" + gatewayPort, smtpPort,
                options.clients().stream().map(AuthorizationServer.Client::id).toList(), options.upstreamPublishers()).variables();
        List<SpringBootProcess> starting = List.of(
                launch("origination-service", FreePorts.find()),
                launch("bank-gateway-service", gatewayPort),
                launch("notification-service", FreePorts.find()));
        starting.forEach(service -> service.awaitHealthy(STARTUP));
    }

    /** A signing key of the platform's own, so that tokens issued before a restart of the authorization server stay valid. */
    private static List<String> signingKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String key = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
            return List.of("--loanflow.auth.signing-keys.platform=" + key, "--loanflow.auth.active-signing-key=platform");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Platform start(Options options) {
        return new Platform(options);
    }

    /** The first instance of a service. */
    public SpringBootProcess service(String name) {
        return instances.get(name).get(0);
    }

    public List<SpringBootProcess> instancesOf(String name) {
        return List.copyOf(instances.get(name));
    }

    /** Another instance of a service on its own port, sharing the database and the consumer group. */
    public SpringBootProcess addInstance(String name) {
        return addInstanceInBackground(name).awaitHealthy(STARTUP);
    }

    /** Another instance, started but not yet healthy: its arrival rebalances the consumer group. */
    public SpringBootProcess addInstanceInBackground(String name) {
        return launch(name, FreePorts.find());
    }

    public void removeInstance(SpringBootProcess process) {
        instances.values().forEach(list -> list.remove(process));
        process.close();
    }

    /** Stops the registry and starts it again on its port and storage. */
    public void restartRegistry() {
        registry = registry.restarted();
    }

    public String originationUrl() {
        return service("origination-service").baseUrl();
    }

    public Connection database() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    private SpringBootProcess launch(String name, int port) {
        int instance = instances.computeIfAbsent(name, key -> new ArrayList<>()).size() + 1;
        SpringBootProcess process = SpringBootProcess.start(name, jar(name), port,
                ServiceEnvironment.withKafkaPrincipal(environment, name, kafka.passwordOf(name)), options.jvmOptions(),
                options.serviceSettings(), options.logs().resolve(name + "-" + instance + ".log"));
        instances.get(name).add(process);
        return process;
    }

    private Path jar(String module) {
        return options.root().resolve(module).resolve("target").resolve(module + ".jar");
    }

    @Override
    public void close() {
        instances.values().forEach(list -> list.forEach(SpringBootProcess::close));
        simulator.close();
        smtp.stop();
        authorization.close();
        registry.close();
        postgres.close();
        kafka.close();
    }
}
