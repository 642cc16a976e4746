package dev.loanflow.notification;

import java.util.Set;

import dev.loanflow.infra.spring.ServiceSmokeTest;
import dev.loanflow.schemas.Topic;

class NotificationApplicationIT extends ServiceSmokeTest {

    @Override
    public String databaseSchema() {
        return "notification";
    }

    @Override
    public Set<String> topicsItOwns() {
        return Set.of(Topic.LIFECYCLE.deadLetterTopicName());
    }
}
