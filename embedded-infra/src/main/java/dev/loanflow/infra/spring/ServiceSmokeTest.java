package dev.loanflow.infra.spring;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.loanflow.infra.SharedInfrastructure;

/** {@link ServiceSmokeChecks} for a service on the shared broker, registry and database, and nothing else. */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceSmokeTest implements ServiceSmokeChecks {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfrastructure.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate http;

    @Override
    public JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public TestRestTemplate http() {
        return http;
    }
}
