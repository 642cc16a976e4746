package dev.loanflow.origination;

import dev.loanflow.infra.testdata.TestData;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.loanflow.infra.SharedInfrastructure;
import dev.loanflow.schemas.Topic;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

/** One origination service on the shared broker, registry and database, for every origination test. */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class OriginationIntegrationTest {

    static final String KEY_ID = "test";
    static final String KEY = TestData.randomKey();
    public static final PersonalDataSealer SEALER = PersonalDataSealer.withBase64Keys(KEY_ID, Map.of(KEY_ID, KEY));

    @DynamicPropertySource
    static void origination(DynamicPropertyRegistry registry) {
        SharedInfrastructure.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        SharedInfrastructure.kafka().createTopics(Arrays.stream(Topic.values())
                .flatMap(topic -> Stream.of(topic.newTopic((short) 1), topic.newDeadLetterTopic((short) 1))).toList());
        registry.add("loanflow.personal-data.active-key-id", () -> KEY_ID);
        registry.add("loanflow.personal-data.keys." + KEY_ID, () -> KEY);
        registry.add("loanflow.origination.timeout-sweep-interval", () -> "500ms");
    }

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected TestRestTemplate http;

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public TestRestTemplate http() {
        return http;
    }

}
