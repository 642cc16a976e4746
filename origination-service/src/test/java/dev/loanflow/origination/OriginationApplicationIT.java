package dev.loanflow.origination;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import dev.loanflow.infra.spring.ServiceSmokeChecks;
import dev.loanflow.schemas.Topic;
import dev.loanflow.schemas.UpstreamPublishers;

class OriginationApplicationIT extends OriginationIntegrationTest implements ServiceSmokeChecks {

    @Test
    void exposesApplicationsByStateAndTheOutboxBacklog() {
        String metrics = getAsOperator("/actuator/prometheus", String.class).getBody();

        assertThat(metrics).contains("loanflow_applications{status=\"APPROVED\"}").contains("loanflow_outbox_backlog");
    }

    @Test
    void listsTheDeadLettersOfEachPublishersSubmissionsTopicAndNoOthers() {
        String publishers = UpstreamPublishers.topicOf(PUBLISHER) + Topic.DEAD_LETTER_SUFFIX;

        assertThat(getAsOperator("/ops/dead-letters?topic=" + publishers, String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(getAsOperator("/ops/dead-letters?topic=" + Topic.SUBMISSIONS.topicName() + Topic.DEAD_LETTER_SUFFIX,
                String.class).getStatusCode()).as("no such topic").isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Override
    public String databaseSchema() {
        return "origination";
    }

    @Override
    public Set<String> topicsItOwns() {
        return Set.of(UpstreamPublishers.topicOf("checkout"),
                UpstreamPublishers.topicOf("marketplace"),
                Topic.REJECTED_SUBMISSIONS.topicName(),
                Topic.BANK_REQUESTS.topicName(),
                Topic.LIFECYCLE.topicName(),
                Topic.STATUS.topicName(),
                Topic.ANOMALIES.topicName(),
                UpstreamPublishers.topicOf("checkout") + Topic.DEAD_LETTER_SUFFIX,
                UpstreamPublishers.topicOf("marketplace") + Topic.DEAD_LETTER_SUFFIX,
                Topic.BANK_OUTCOMES.deadLetterTopicName());
    }
}
