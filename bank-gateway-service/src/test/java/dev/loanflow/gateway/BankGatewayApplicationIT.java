package dev.loanflow.gateway;

import java.util.Set;

import dev.loanflow.infra.spring.ServiceSmokeTest;
import dev.loanflow.schemas.Topic;

class BankGatewayApplicationIT extends ServiceSmokeTest {

    @Override
    protected String databaseSchema() {
        return "bank_gateway";
    }

    @Override
    protected Set<String> topicsItOwns() {
        return Set.of(Topic.BANK_OUTCOMES.topicName(),
                Topic.BANK_REQUESTS.deadLetterTopicName());
    }
}
