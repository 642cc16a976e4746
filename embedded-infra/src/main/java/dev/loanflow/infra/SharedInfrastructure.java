package dev.loanflow.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Kafka broker, one PostgreSQL and one schema registry per JVM, started on first use and shared by
 * every test in that JVM; all are stopped when the JVM exits.
 */
public final class SharedInfrastructure {

    private static KafkaBroker kafka;
    private static PostgresServer postgres;
    private static SchemaRegistryServer schemaRegistry;

    private SharedInfrastructure() {
    }

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            kafka = stopOnExit(KafkaBroker.start(0));
        }
        return kafka;
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = stopOnExit(PostgresServer.start(0));
        }
        return postgres;
    }

    public static synchronized SchemaRegistryServer schemaRegistry() {
        if (schemaRegistry == null) {
            schemaRegistry = stopOnExit(SchemaRegistryServer.start(0));
        }
        return schemaRegistry;
    }

    /** Spring Boot properties that point a service at the shared broker, registry and database. */
    public static Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", kafka().bootstrapServers());
        properties.put("loanflow.schema-registry.url", schemaRegistry().registryApiUrl());
        properties.put("spring.datasource.url", postgres().jdbcUrl());
        properties.put("spring.datasource.username", PostgresServer.USER);
        properties.put("spring.datasource.password", PostgresServer.PASSWORD);
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
