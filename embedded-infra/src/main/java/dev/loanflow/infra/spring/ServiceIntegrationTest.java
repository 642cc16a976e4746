package dev.loanflow.infra.spring;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.loanflow.infra.SharedInfrastructure;
import dev.loanflow.infra.testdata.TestClients;

/**
 * A service under test on the shared broker, registry and database, with metrics exported. A service's own test
 * base extends it and adds its settings; a test that also implements {@link ServiceSmokeChecks} gets those checks.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfrastructure.springProperties().forEach((key, value) -> registry.add(key, () -> value));
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

    /** Headers carrying a real access token of one of the {@link TestClients}. */
    public static HttpHeaders bearer(String clientId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(SharedInfrastructure.authorizationServer().token(clientId));
        return headers;
    }

    protected <T> ResponseEntity<T> getAsOperator(String path, Class<T> type) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(bearer(TestClients.OPERATOR)), type);
    }
}
