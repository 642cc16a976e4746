package dev.loanflow.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.loanflow.infra.testdata.TestClients;

/**
 * One Kafka broker, one PostgreSQL, one schema registry and one authorization server per JVM, started on first use and shared by
 * every test in that JVM; all are stopped when the JVM exits. Kafka and PostgreSQL run on Testcontainers where a Docker
 * API answers ({@link Containers}), else as processes from Maven Central's jars and binaries.
 */
public final class SharedInfrastructure {

    private static SharedBroker kafka;
    private static SharedDatabase postgres;
    private static SchemaRegistryServer schemaRegistry;
    private static AuthorizationServer authorizationServer;

    private SharedInfrastructure() {
    }

    public static synchronized SharedBroker kafka() {
        if (kafka == null) {
            kafka = stopOnExit(Containers.wanted() ? Containers.kafka() : KafkaBroker.start(0));
        }
        return kafka;
    }

    public static synchronized SharedDatabase postgres() {
        if (postgres == null) {
            postgres = stopOnExit(Containers.wanted() ? Containers.postgres() : PostgresServer.startForTests(0));
        }
        return postgres;
    }

    public static synchronized SchemaRegistryServer schemaRegistry() {
        if (schemaRegistry == null) {
            schemaRegistry = stopOnExit(SchemaRegistryServer.start(0, postgres().registryStorage()));
        }
        return schemaRegistry;
    }

    /** The project's authorization server with {@link TestClients}; its jar is built by the reactor before any service. */
    public static synchronized AuthorizationServer authorizationServer() {
        if (authorizationServer == null) {
            Path jar = Path.of(System.getProperty("loanflow.authorization-server.jar",
                    "../authorization-server/target/authorization-server.jar"));
            authorizationServer = stopOnExit(AuthorizationServer.start(jar, FreePorts.find(), TestClients.all(),
                    Path.of("target", "authorization-server.log")));
        }
        return authorizationServer;
    }

    /** Spring Boot properties that point a service at the shared broker, registry and database. */
    public static Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", kafka().bootstrapServers());
        properties.put("loanflow.schema-registry.url", schemaRegistry().registryApiUrl());
        properties.put("spring.datasource.url", postgres().jdbcUrl());
        properties.put("spring.datasource.username", PostgresServer.USER);
        properties.put("spring.datasource.password", PostgresServer.PASSWORD);
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", authorizationServer().issuer());
        return properties;
    }

    private static <T extends AutoCloseable> T stopOnExit(T component) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                component.close();
            } catch (Exception ignored) {
                // the JVM is exiting; nothing left to report to
            }
        }));
        return component;
    }
}
