package dev.loanflow.infra.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.loanflow.infra.SharedInfrastructure;

/**
 * What every service must do on real infrastructure: migrate its own database schema, report healthy, and create
 * the topics it owns. A service's Spring Boot test implements this and names its schema and topics.
 */
public interface ServiceSmokeChecks {

    JdbcTemplate jdbc();

    TestRestTemplate http();

    String databaseSchema();

    Set<String> topicsItOwns();

    @Test
    default void migratesItsOwnDatabaseSchema() {
        Integer tables = jdbc().queryForObject("select count(*) from information_schema.tables "
                + "where table_schema = ? and table_name = 'processed_event'", Integer.class, databaseSchema());

        assertThat(tables).isEqualTo(1);
    }

    @Test
    default void reportsHealthyWithItsInfrastructure() {
        assertThat(http().getForObject("/actuator/health", String.class)).contains("\"status\":\"UP\"");
    }

    @Test
    default void exposesPrometheusMetrics() {
        assertThat(http().getForObject("/actuator/prometheus", String.class)).contains("jvm_memory_used_bytes")
                .contains("kafka_consumer");
    }

    @Test
    default void healthCoversKafkaAndTheSchemaRegistry() {
        assertThat(http().getForObject("/actuator/health", String.class)).contains("\"kafka\":{\"status\":\"UP\"")
                .contains("\"schemaRegistry\":{\"status\":\"UP\"").contains("\"db\":{\"status\":\"UP\"");
    }

    @Test
    default void createsTheTopicsItOwns() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).containsAll(topicsItOwns());
        }
    }
}
