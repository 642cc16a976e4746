package dev.loanflow.notification;

import java.util.Set;

import dev.loanflow.infra.spring.ServiceSmokeTest;
import dev.loanflow.schemas.Topic;

class NotificationApplicationIT extends ServiceSmokeTest {

    @Override
    protected String databaseSchema() {
        return "notification";
    }

    @Override
    protected Set<String> topicsItOwns() {
        return Set.of(Topic.LIFECYCLE.deadLetterTopicName());
    }
}
