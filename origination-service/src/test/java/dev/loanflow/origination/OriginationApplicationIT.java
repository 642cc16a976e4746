package dev.loanflow.origination;

import java.util.Set;

import dev.loanflow.infra.spring.ServiceSmokeChecks;
import dev.loanflow.schemas.Topic;

class OriginationApplicationIT extends OriginationIntegrationTest implements ServiceSmokeChecks {

    @Override
    public String databaseSchema() {
        return "origination";
    }

    @Override
    public Set<String> topicsItOwns() {
        return Set.of(Topic.SUBMISSIONS.topicName(),
                Topic.REJECTED_SUBMISSIONS.topicName(),
                Topic.BANK_REQUESTS.topicName(),
                Topic.LIFECYCLE.topicName(),
                Topic.STATUS.topicName(),
                Topic.ANOMALIES.topicName(),
                Topic.SUBMISSIONS.deadLetterTopicName(),
                Topic.BANK_OUTCOMES.deadLetterTopicName());
    }
}
