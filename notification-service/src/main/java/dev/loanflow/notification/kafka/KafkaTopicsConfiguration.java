package dev.loanflow.notification.kafka;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import dev.loanflow.schemas.Topic;

/** Creates the topics this service writes to, and the dead-letter topics of the topics it reads. */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    @Bean
    KafkaAdmin.NewTopics notificationTopics(@Value("${loanflow.kafka.replication-factor}") short replicationFactor) {
        return new KafkaAdmin.NewTopics(
                Topic.LIFECYCLE.newDeadLetterTopic(replicationFactor));
    }
}
