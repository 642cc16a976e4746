package dev.loanflow.origination;

import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.loanflow.infra.SharedInfrastructure;
import dev.loanflow.infra.spring.ServiceIntegrationTest;
import dev.loanflow.infra.testdata.TestData;
import dev.loanflow.schemas.SchemaDeployment;
import dev.loanflow.schemas.Topic;
import dev.loanflow.schemas.UpstreamPublishers;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

/** One origination service for every origination test. */
public abstract class OriginationIntegrationTest extends ServiceIntegrationTest {

    static final String KEY_ID = "test";
    static final String KEY = TestData.randomKey();
    public static final PersonalDataSealer SEALER = PersonalDataSealer.withBase64Keys(KEY_ID, Map.of(KEY_ID, KEY));

    /** The upstream systems the tests publish submissions as, and the merchants each may submit for. */
    public static final String PUBLISHERS = "checkout:merchant-topic,merchant-other;marketplace:shop-b";
    public static final String PUBLISHER = "checkout";

    @DynamicPropertySource
    static void origination(DynamicPropertyRegistry registry) {
        SharedInfrastructure.kafka().createTopics(Topic.withDeadLetters((short) 1, UpstreamPublishers.parse(PUBLISHERS)));
        SchemaDeployment.registerAll(SharedInfrastructure.schemaRegistry().confluentApiUrl());
        registry.add("loanflow.upstream.publishers", () -> PUBLISHERS);
        registry.add("loanflow.personal-data.active-key-id", () -> KEY_ID);
        registry.add("loanflow.personal-data.keys." + KEY_ID, () -> KEY);
        registry.add("loanflow.origination.timeout-sweep-interval", () -> "500ms");
        // the status counts are folded by the tests that need it, not by the gauge behind their backs
        registry.add("loanflow.origination.metrics-interval", () -> "1h");
    }
}
