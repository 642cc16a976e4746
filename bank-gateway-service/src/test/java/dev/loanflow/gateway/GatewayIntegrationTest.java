package dev.loanflow.gateway;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** One gateway on a known port (the simulator calls it back), shared by every gateway test. */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class GatewayIntegrationTest {

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GatewayTestSetup.register(registry);
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
