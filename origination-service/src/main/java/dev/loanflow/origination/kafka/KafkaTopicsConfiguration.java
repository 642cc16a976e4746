package dev.loanflow.origination.kafka;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import dev.loanflow.schemas.Topic;
import dev.loanflow.schemas.UpstreamPublishers;

/** Creates the topics this service writes to, and the dead-letter topics of the topics it reads. */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    @Bean
    UpstreamPublishers upstreamPublishers(@Value("${loanflow.upstream.publishers}") String setting) {
        UpstreamPublishers publishers = UpstreamPublishers.parse(setting);
        if (publishers.names().isEmpty()) {
            throw new IllegalStateException("UPSTREAM_PUBLISHERS names no publisher: set <publisher>:<merchant>,…");
        }
        return publishers;
    }

    @Bean
    KafkaAdmin.NewTopics originationTopics(@Value("${loanflow.kafka.replication-factor}") short replicationFactor,
                                           UpstreamPublishers publishers) {
        List<NewTopic> topics = new ArrayList<>(Topic.SUBMISSIONS.newTopics(replicationFactor, publishers, true));
        topics.addAll(List.of(
                Topic.REJECTED_SUBMISSIONS.newTopic(replicationFactor),
                Topic.BANK_REQUESTS.newTopic(replicationFactor),
                Topic.LIFECYCLE.newTopic(replicationFactor),
                Topic.STATUS.newTopic(replicationFactor),
                Topic.ANOMALIES.newTopic(replicationFactor),
                Topic.BANK_OUTCOMES.newDeadLetterTopic(replicationFactor)));
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }
}
