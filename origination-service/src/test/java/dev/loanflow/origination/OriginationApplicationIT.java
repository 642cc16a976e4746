package dev.loanflow.origination;

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
import dev.loanflow.schemas.Topic;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OriginationApplicationIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfrastructure.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate http;

    @Test
    void migratesItsOwnDatabaseSchema() {
        Integer tables = jdbc.queryForObject(
                "select count(*) from information_schema.tables where table_schema = 'origination' and table_name = 'processed_event'",
                Integer.class);

        assertThat(tables).isEqualTo(1);
    }

    @Test
    void reportsHealthyWithItsInfrastructure() {
        assertThat(http.getForObject("/actuator/health", String.class)).contains("\"status\":\"UP\"");
    }

    @Test
    void createsTheTopicsItOwns() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers()))) {
            Set<String> topics = admin.listTopics().names().get();

            assertThat(topics).contains(Topic.SUBMISSIONS.topicName(), Topic.REJECTED_SUBMISSIONS.topicName(), Topic.BANK_REQUESTS.topicName(), Topic.LIFECYCLE.topicName(), Topic.STATUS.topicName(), Topic.ANOMALIES.topicName(), Topic.SUBMISSIONS.deadLetterTopicName(), Topic.BANK_OUTCOMES.deadLetterTopicName());
        }
    }
}
