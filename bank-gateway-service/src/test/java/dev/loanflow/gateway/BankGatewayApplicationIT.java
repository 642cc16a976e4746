package dev.loanflow.gateway;

import java.util.Set;

import dev.loanflow.infra.spring.ServiceSmokeChecks;
import dev.loanflow.schemas.Topic;

class BankGatewayApplicationIT extends GatewayIntegrationTest implements ServiceSmokeChecks {

    @Override
    public String databaseSchema() {
        return "bank_gateway";
    }

    @Override
    public Set<String> topicsItOwns() {
        return Set.of(Topic.BANK_OUTCOMES.topicName(), Topic.BANK_REQUESTS.deadLetterTopicName());
    }
}
