package dev.loanflow.stack;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.slf4j.LoggerFactory;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.loanflow.infra.AuthorizationServer;
import dev.loanflow.infra.ChildProcesses;
import dev.loanflow.infra.KafkaProcess;
import dev.loanflow.infra.Platform;
import dev.loanflow.infra.PostgresServer;
import dev.loanflow.infra.SchemaRegistryServer;
import dev.loanflow.infra.ServiceEnvironment;
import dev.loanflow.infra.SpringBootProcess;
import dev.loanflow.schemas.KafkaAccess;
import dev.loanflow.schemas.SchemaDeployment;
import dev.loanflow.schemas.UpstreamPublishers;

/**
 * Starts the whole platform on this machine without Docker: Kafka (KRaft), PostgreSQL and the schema registry,
 * then the bank simulator and the three services as separate JVMs. Ctrl-C stops everything it started.
 */
public final class LocalStack {

    static final int KAFKA_PORT = Integer.getInteger("loanflow.kafka.port", 9092);
    static final int POSTGRES_PORT = Integer.getInteger("loanflow.postgres.port", 15432);
    static final int REGISTRY_PORT = Integer.getInteger("loanflow.registry.port", 8081);
    static final int SMTP_PORT = Integer.getInteger("loanflow.smtp.port", 2525);
    static final int IMAP_PORT = Integer.getInteger("loanflow.imap.port", 3143);
    static final int AUTH_PORT = Integer.getInteger("loanflow.auth.port", 9000);
    static final String OPERATOR = "ops";
    /** The upstream system that may submit for the demo merchant over Kafka, as its own principal on its own topic. */
    static final String PUBLISHER = "checkout";
    static final String UPSTREAM_PUBLISHERS = PUBLISHER + ":" + Demo.MERCHANT;
    static final Duration SERVICE_STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private static final PrintStream OUT = System.out;
    private static final Instant STARTED = Instant.now();
    private static final List<Service> SERVICES = List.of(
            new Service("bank-simulator", 8090),
            new Service("origination-service", 8080),
            new Service("bank-gateway-service", 8082),
            new Service("notification-service", 8083));

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("loanflow.root", ".")).toAbsolutePath().normalize();
        Path logs = Files.createDirectories(root.resolve(".loanflow/logs"));
        OUT.println("Loanflow local stack (no Docker) - logs in " + root.relativize(logs));
        // logging set up before the starters' threads log at once, which SLF4J would otherwise warn it replayed
        LoggerFactory.getILoggerFactory();

        // everything that does not need another part starts at once; on two cores this saves about a third
        ExecutorService starters = Executors.newFixedThreadPool(4);
        Service simulatorService = SERVICES.get(0);
        SpringBootProcess simulator = simulatorService.launch(root, logs, Map.of());
        List<AuthorizationServer.Client> clients = List.of(
                new AuthorizationServer.Client(Demo.MERCHANT, randomSecret(), List.of("submit", "read", "refund")),
                new AuthorizationServer.Client(OPERATOR, randomSecret(), List.of("admin")),
                new AuthorizationServer.Client(Platform.SCHEMA_DEPLOYER, randomSecret(), List.of("schemas")));
        CompletableFuture<AuthorizationServer> startingAuthorization = CompletableFuture.supplyAsync(() ->
                AuthorizationServer.start(root.resolve("authorization-server/target/authorization-server.jar"), AUTH_PORT,
                        clients, List.of("--spring.security.oauth2.authorizationserver.client." + OPERATOR
                                + ".token.access-token-time-to-live=8h"), logs.resolve("authorization-server.log")), starters);
        CompletableFuture<KafkaProcess> startingKafka = CompletableFuture.supplyAsync(() -> KafkaProcess.start(KAFKA_PORT), starters);
        CompletableFuture<PostgresServer> startingPostgres = CompletableFuture.supplyAsync(() -> PostgresServer.start(POSTGRES_PORT),
                starters);
        CompletableFuture<SchemaRegistryServer> startingRegistry = startingPostgres.thenApplyAsync(
                database -> SchemaRegistryServer.startProtected(REGISTRY_PORT, database.registryStorage(),
                        "http://localhost:" + AUTH_PORT), starters);

        // the services take longer to boot than Kafka and the registry to start; they only need the database at once,
        // and their Kafka principals (made a few seconds later by the deploy step) soon: until then they try again
        PostgresServer postgres = step("PostgreSQL", startingPostgres::join);
        Map<String, String> kafkaPasswords = new ConcurrentHashMap<>();
        UnaryOperator<String> passwordOf = principal -> kafkaPasswords.computeIfAbsent(principal, any -> KafkaProcess.randomPassword());
        Map<String, String> environment = new ServiceEnvironment("127.0.0.1:" + KAFKA_PORT,
                "http://127.0.0.1:" + REGISTRY_PORT + "/apis/registry/v2",
                "jdbc:postgresql://localhost:" + postgres.port() + "/" + PostgresServer.DATABASE,
                "http://localhost:" + AUTH_PORT, "http://localhost:8090", "http://localhost:8082", SMTP_PORT,
                List.of(Demo.MERCHANT), UPSTREAM_PUBLISHERS).variables();
        List<SpringBootProcess> processes = new ArrayList<>(List.of(simulator));
        for (Service service : SERVICES.subList(1, SERVICES.size())) {
            processes.add(service.launch(root, logs,
                    ServiceEnvironment.withKafkaPrincipal(environment, service.name(), passwordOf.apply(service.name()))));
        }
        KafkaProcess kafka = step("Kafka broker (KRaft)", startingKafka::join);
        step("topics, principals and ACLs (the deploy step)", () -> {
            KafkaAccess.prepare(kafka.adminProperties(), passwordOf, UpstreamPublishers.parse(UPSTREAM_PUBLISHERS));
            return null;
        });
        AuthorizationServer authorization = step("authorization server on :" + AUTH_PORT, startingAuthorization::join);
        SchemaRegistryServer registry = step("Apicurio schema registry", startingRegistry::join);
        step("schemas registered (the deploy step)", () -> SchemaDeployment.registerAll(registry.confluentApiUrl(),
                authorization.token(Platform.SCHEMA_DEPLOYER)));
        GreenMail mail = step("SMTP server (GreenMail)", LocalStack::startMail);
        starters.shutdown();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // the services stop first (Ctrl-C reached them too), then what they used, all at once
            ChildProcesses.awaitApplicationsGone();
            CompletableFuture.allOf(CompletableFuture.runAsync(authorization::close),
                    CompletableFuture.runAsync(registry::close), CompletableFuture.runAsync(mail::stop),
                    CompletableFuture.runAsync(postgres::close), CompletableFuture.runAsync(kafka::close)).join();
        }));
        for (SpringBootProcess process : processes) {
            step(process.name() + " on :" + process.port(), () -> process.awaitHealthy(SERVICE_STARTUP_TIMEOUT));
        }

        printSummary(kafka, passwordOf.apply(PUBLISHER), postgres, registry, Duration.between(STARTED, Instant.now()));
        printCredentials(authorization, clients);
        int demo = demoSize(args);
        if (demo > 0) {
            new Demo(OUT, () -> authorization.token(Demo.MERCHANT)).run(demo);
            OUT.println("The stack keeps running; Ctrl-C stops everything.");
        }
        new CountDownLatch(1).await();
    }

    private static GreenMail startMail() {
        GreenMail mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        return mail;
    }

    /** {@code --demo} submits 100 applications, {@code --demo=N} submits N. */
    private static int demoSize(String[] args) {
        for (String arg : args) {
            if (arg.equals("--demo")) {
                return 100;
            }
            if (arg.startsWith("--demo=")) {
                return Integer.parseInt(arg.substring("--demo=".length()));
            }
        }
        return 0;
    }

    private static <T> T step(String what, Supplier<T> action) {
        OUT.printf("  starting %-34s", what + " ...");
        OUT.flush();
        try {
            T result = action.get();
            OUT.printf("ready at %4.1f s%n", Duration.between(STARTED, Instant.now()).toMillis() / 1000.0);
            return result;
        } catch (RuntimeException e) {
            OUT.println("FAILED");
            OUT.println(e.getMessage());
            System.exit(1);
            throw e;
        }
    }

    private static void printSummary(KafkaProcess kafka, String publisherPassword, PostgresServer postgres,
                                     SchemaRegistryServer registry, Duration took) {
        OUT.printf("%nLoanflow is up in %.1f s. Ctrl-C stops everything.%n%n", took.toMillis() / 1000.0);
        row("Kafka bootstrap", kafka.bootstrapServers() + " (SASL SCRAM-SHA-512; upstream publisher " + PUBLISHER
                + ", password " + publisherPassword + ", writes " + UpstreamPublishers.topicOf(PUBLISHER) + ")");
        row("Schema registry (Confluent API)", registry.confluentApiUrl());
        row("Schema registry (Apicurio API)", registry.registryApiUrl());
        row("SMTP (notifications)", "127.0.0.1:" + SMTP_PORT + "; read mail over IMAP at 127.0.0.1:" + IMAP_PORT
                + " (user and password: the customer's e-mail address)");
        row("SMS sandbox (admin token)", "http://localhost:8083/sandbox/sms");
        row("Origination API (OpenAPI)", "http://localhost:8080/swagger-ui.html  (document: /v3/api-docs)");
        row("Bank quotes (gateway)", "http://localhost:8082/banks, POST /quotes");
        row("PostgreSQL", "jdbc:postgresql://localhost:" + postgres.port() + "/" + PostgresServer.DATABASE
                + " (user " + PostgresServer.USER + ", data discarded on exit)");
        for (Service service : SERVICES) {
            row(service.name(), "http://localhost:" + service.port() + "  (health: /actuator/health)");
        }
    }

    /** Fresh client secrets on every run, printed once: there are no standing credentials to leak. */
    private static void printCredentials(AuthorizationServer authorization, List<AuthorizationServer.Client> clients) {
        OUT.printf("%nOAuth2 clients (client-credentials flow, token endpoint %s/oauth2/token):%n", authorization.issuer());
        for (AuthorizationServer.Client client : clients) {
            row(client.id(), "secret " + client.secret() + "  scopes " + String.join(" ", client.scopes()));
        }
        AuthorizationServer.Client merchant = clients.get(0);
        OUT.printf("  e.g. curl -su %s:%s -d grant_type=client_credentials -d 'scope=submit read refund' %s/oauth2/token%n",
                merchant.id(), merchant.secret(), authorization.issuer());
        OUT.printf("%n  %-32s %s%n", "Ops dashboard (8 h admin token)",
                "http://localhost:8080/ops/index.html#token=" + authorization.token(OPERATOR));
    }

    private static String randomSecret() {
        return java.util.UUID.randomUUID().toString();
    }

    private static void row(String name, String value) {
        OUT.printf("  %-32s %s%n", name, value);
    }

    record Service(String name, int port) {

        SpringBootProcess launch(Path root, Path logs, Map<String, String> environment) {
            return SpringBootProcess.start(name, root.resolve(name).resolve("target").resolve(name + ".jar"), port,
                    environment, List.of(), logs.resolve(name + ".log"));
        }
    }
}
