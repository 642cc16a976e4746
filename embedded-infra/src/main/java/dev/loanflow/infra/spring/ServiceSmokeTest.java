package dev.loanflow.infra.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.loanflow.infra.SharedInfrastructure;

/**
 * What every service must do on real infrastructure: migrate its own database schema, report healthy, and create
 * the topics it owns. A service's test extends this and names its schema and topics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceSmokeTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfrastructure.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate http;

    protected abstract String databaseSchema();

    protected abstract Set<String> topicsItOwns();

    @Test
    void migratesItsOwnDatabaseSchema() {
        Integer tables = jdbc.queryForObject("select count(*) from information_schema.tables "
                + "where table_schema = ? and table_name = 'processed_event'", Integer.class, databaseSchema());

        assertThat(tables).isEqualTo(1);
    }

    @Test
    void reportsHealthyWithItsInfrastructure() {
        assertThat(http.getForObject("/actuator/health", String.class)).contains("\"status\":\"UP\"");
    }

    @Test
    void createsTheTopicsItOwns() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).containsAll(topicsItOwns());
        }
    }
}
