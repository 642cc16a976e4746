package dev.loanflow.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The real Apicurio Registry server, run as a child JVM from its distribution on Maven Central, with the global
 * compatibility rule set to BACKWARD on both its APIs. It serves Apicurio's own API and the Confluent-compatible one.
 * It keeps its schemas in PostgreSQL (tables in the database's {@code public} schema), so a restart keeps every id
 * and what it means: a record written before reads with the schema it was written with.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    /** Where the registry keeps its schemas. */
    public record Storage(String jdbcUrl, String user, String password) {
    }

    /** The audience a token must name to write to the registry (the authorization server's scope {@code schemas}). */
    public static final String AUDIENCE = "schema-registry";

    private final Process process;
    private final int port;
    private final Storage storage;
    private final Path log;
    private final String tokenIssuer;

    private SchemaRegistryServer(Process process, int port, Storage storage, Path log, String tokenIssuer) {
        this.process = process;
        this.port = port;
        this.storage = storage;
        this.log = log;
        this.tokenIssuer = tokenIssuer;
    }

    /** Open to every client: for the services' own integration tests. */
    public static SchemaRegistryServer start(int requestedPort, Storage storage) {
        return start(requestedPort, storage, null);
    }

    /**
     * Anyone may read; a write needs a token of this issuer for the audience {@link #AUDIENCE}. The issuer need not be
     * up yet: the registry waits for it.
     */
    public static SchemaRegistryServer startProtected(int requestedPort, Storage storage, String tokenIssuer) {
        return start(requestedPort, storage, tokenIssuer);
    }

    private static SchemaRegistryServer start(int requestedPort, Storage storage, String tokenIssuer) {
        ChildProcesses.reapOrphans();
        int port = FreePorts.orFree(requestedPort);
        Path log = TempDirectories.create("apicurio-registry").resolve("registry.log");
        List<String> command = List.of(javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.enabled=false",
                "-Dapicurio.rules.global.compatibility=BACKWARD",
                "-jar", SchemaRegistryDistribution.runnerJar().toString());
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("APICURIO_STORAGE_KIND", "sql");
            builder.environment().put("APICURIO_STORAGE_SQL_KIND", "postgresql");
            builder.environment().put("APICURIO_DATASOURCE_URL", storage.jdbcUrl());
            builder.environment().put("APICURIO_DATASOURCE_USERNAME", storage.user());
            builder.environment().put("APICURIO_DATASOURCE_PASSWORD", storage.password());
            if (tokenIssuer != null) {
                builder.environment().put("QUARKUS_OIDC_TENANT_ENABLED", "true");
                builder.environment().put("QUARKUS_OIDC_AUTH_SERVER_URL", tokenIssuer);
                // our authorization server publishes OAuth metadata, not OpenID Connect's: its keys are named instead
                builder.environment().put("QUARKUS_OIDC_DISCOVERY_ENABLED", "false");
                builder.environment().put("QUARKUS_OIDC_JWKS_PATH", "oauth2/jwks");
                builder.environment().put("QUARKUS_OIDC_TOKEN_ISSUER", tokenIssuer);
                builder.environment().put("QUARKUS_OIDC_TOKEN_AUDIENCE", AUDIENCE);
                builder.environment().put("QUARKUS_OIDC_CONNECTION_DELAY", "90S");
                builder.environment().put("APICURIO_AUTH_ANONYMOUS_READ_ACCESS_ENABLED", "true");
            }
            Process process = builder.start();
            ChildProcesses.registerInfrastructure(process);
            SchemaRegistryServer server = new SchemaRegistryServer(process, port, storage, log, tokenIssuer);
            server.awaitReady();
            if (tokenIssuer == null) {
                server.confluentCompatibilityBackward();
            }
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the schema registry", e);
        }
    }

    /** Stops this server and starts another on the same port and storage, as an operator's restart would. */
    public SchemaRegistryServer restarted() {
        close();
        return start(port, storage, tokenIssuer);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Apicurio's native API, the URL Apicurio's serdes take. */
    public String registryApiUrl() {
        return baseUrl() + "/apis/registry/v2";
    }

    /** The Confluent Schema Registry compatible API, for clients in any language. */
    public String confluentApiUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready")).timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("schema registry exited during start-up:\n" + logTail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(200));
        }
        close();
        throw new IllegalStateException("schema registry not ready within " + STARTUP_TIMEOUT + ":\n" + logTail());
    }

    /**
     * The rule is enforced either way; without it stored, the Confluent API would report NONE to its clients. A
     * protected registry gets it from the deploy step (SchemaDeployment), which holds a token.
     */
    private void confluentCompatibilityBackward() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(confluentApiUrl() + "/config"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"BACKWARD\"}")).build();
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the registry refused BACKWARD on its Confluent API: " + answer.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("the registry did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        ChildProcesses.stop(process.toHandle());
    }
}
