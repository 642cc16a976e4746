package dev.loanflow.infra.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.loanflow.infra.SharedInfrastructure;
import dev.loanflow.infra.testdata.TestClients;

/**
 * What every service must do on real infrastructure: migrate its own database schema, report healthy, and create
 * the topics it owns, and keep its operational endpoints to operators (admin scope) while probes stay open. A
 * service's Spring Boot test implements this and names its schema and topics.
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
    default void reportsHealthyToAnonymousProbesWithoutDetails() {
        String health = http().getForObject("/actuator/health", String.class);

        assertThat(health).contains("\"status\":\"UP\"").doesNotContain("kafka").doesNotContain("db");
    }

    @Test
    default void exposesPrometheusMetricsToOperators() {
        assertThat(asOperator("/actuator/prometheus").getBody()).contains("jvm_memory_used_bytes").contains("kafka_consumer");
    }

    @Test
    default void healthDetailsCoverKafkaTheSchemaRegistryAndTheDatabaseForOperators() {
        assertThat(asOperator("/actuator/health").getBody()).contains("\"kafka\":{\"status\":\"UP\"")
                .contains("\"schemaRegistry\":{\"status\":\"UP\"").contains("\"db\":{\"status\":\"UP\"");
    }

    @Test
    default void operationalEndpointsNeedTheAdminScope() {
        HttpHeaders merchant = ServiceIntegrationTest.bearer("merchant-a");
        HttpHeaders forged = new HttpHeaders();
        forged.setBearerAuth("eyJhbGciOiJub25lIn0.eyJzY29wZSI6ImFkbWluIn0.");

        ResponseEntity<String> anonymous = http().getForEntity("/actuator/prometheus", String.class);
        ResponseEntity<String> withMerchantToken = http().exchange("/actuator/prometheus", HttpMethod.GET,
                new HttpEntity<>(merchant), String.class);
        ResponseEntity<String> withForgedToken = http().exchange("/actuator/prometheus", HttpMethod.GET,
                new HttpEntity<>(forged), String.class);

        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(withMerchantToken.getStatusCode().value()).isEqualTo(403);
        assertThat(withForgedToken.getStatusCode().value()).isEqualTo(401);
    }

    private ResponseEntity<String> asOperator(String path) {
        return http().exchange(path, HttpMethod.GET, new HttpEntity<>(ServiceIntegrationTest.bearer(TestClients.OPERATOR)),
                String.class);
    }

    @Test
    default void createsTheTopicsItOwns() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).containsAll(topicsItOwns());
        }
    }
}
