package dev.loanflow.gateway;

import dev.loanflow.infra.testdata.TestData;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;

import dev.loanflow.infra.FreePorts;
import dev.loanflow.infra.SharedInfrastructure;
import dev.loanflow.infra.SpringBootProcess;
import dev.loanflow.schemas.SchemaDeployment;
import dev.loanflow.schemas.Topic;
import dev.loanflow.schemas.UpstreamPublishers;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

/** The gateway on real infrastructure, talking to the real bank simulator running as its own process. */
public final class GatewayTestSetup {

    public static final int GATEWAY_PORT = FreePorts.find();
    public static final String KEY_ID = "test";
    private static final String KEY = TestData.randomKey();
    public static final PersonalDataSealer SEALER = PersonalDataSealer.withBase64Keys(KEY_ID, Map.of(KEY_ID, KEY));

    private static SpringBootProcess simulator;

    private GatewayTestSetup() {
    }

    public static synchronized SpringBootProcess simulator() {
        if (simulator == null) {
            Path jar = Path.of(System.getProperty("loanflow.bank-simulator.jar", "../bank-simulator/target/bank-simulator.jar"));
            simulator = SpringBootProcess.start("bank-simulator", jar, FreePorts.find(), Map.of(),
                    List.of("--loanflow.simulator.customer-decision-delay=300ms",
                            "--loanflow.simulator.timeout-sweep-interval=500ms"),
                    Path.of("target", "bank-simulator.log"))
                    .awaitHealthy(java.time.Duration.ofSeconds(90));
        }
        return simulator;
    }

    public static void register(DynamicPropertyRegistry registry) {
        SharedInfrastructure.kafka().createTopics(Topic.withDeadLetters((short) 1, UpstreamPublishers.none()));
        SchemaDeployment.registerAll(SharedInfrastructure.schemaRegistry().confluentApiUrl());
        registry.add("server.port", () -> GATEWAY_PORT);
        registry.add("loanflow.bank.base-url", () -> simulator().baseUrl());
        registry.add("loanflow.bank.username", () -> "sandbox");
        registry.add("loanflow.bank.password", () -> "sandbox");
        registry.add("loanflow.bank.merchant-no", () -> "4003");
        registry.add("loanflow.bank.api-secret-key", () -> "sandbox-secret");
        registry.add("loanflow.bank.read-timeout", () -> "1s");
        registry.add("loanflow.bank.callback-base-url", () -> "http://localhost:" + GATEWAY_PORT);
        registry.add("loanflow.personal-data.active-key-id", () -> KEY_ID);
        registry.add("loanflow.personal-data.keys." + KEY_ID, () -> KEY);
        registry.add("loanflow.reconciliation.interval", () -> "500ms");
        registry.add("loanflow.refunds.settle-window", () -> "4s");
        registry.add("loanflow.reconciliation.stale-after", () -> "3s");
        registry.add("resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state", () -> "2s");
    }

}
