package dev.loanflow.gateway;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.loanflow.infra.spring.ServiceIntegrationTest;

/** One gateway on a known port (the simulator calls it back), shared by every gateway test. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class GatewayIntegrationTest extends ServiceIntegrationTest {

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GatewayTestSetup.register(registry);
    }
}
