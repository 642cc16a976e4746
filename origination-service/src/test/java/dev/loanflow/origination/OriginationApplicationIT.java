package dev.loanflow.origination;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.loanflow.infra.spring.ServiceSmokeChecks;
import dev.loanflow.schemas.Topic;

class OriginationApplicationIT extends OriginationIntegrationTest implements ServiceSmokeChecks {

    @Test
    void exposesApplicationsByStateAndTheOutboxBacklog() {
        String metrics = getAsOperator("/actuator/prometheus", String.class).getBody();

        assertThat(metrics).contains("loanflow_applications{status=\"APPROVED\"}").contains("loanflow_outbox_backlog");
    }

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
