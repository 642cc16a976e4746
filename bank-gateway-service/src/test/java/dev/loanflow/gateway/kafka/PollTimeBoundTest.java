package dev.loanflow.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.io.ClassPathResource;

import dev.loanflow.schemas.Topic;

/**
 * A poll waits for all its bank calls, so {@code max.poll.interval.ms} must exceed the longest a poll can take, or a
 * slow bank gets a consumer evicted and its records handled twice at once. The longest poll, from the gateway's own
 * settings: every consumer's poll at once, shared by the bank request threads in rounds, each request a pre-approval
 * (three calls) followed by the loan application (one more), every attempt waiting the whole connect and read
 * time-outs, with the retries' longest back-offs.
 */
class PollTimeBoundTest {

    private static final int CALLS_PER_REQUEST = 4;

    private final Properties settings = settings();

    @Test
    void aPollEndsBeforeTheBrokerWouldEvictItsConsumer() {
        int recordsPerPoll = Integer.parseInt(settings.getProperty("spring.kafka.consumer.max-poll-records"));
        Duration pollInterval = Duration.ofMillis(
                Long.parseLong(settings.getProperty("spring.kafka.consumer.properties.max.poll.interval.ms")));
        int consumers = Topic.BANK_REQUESTS.partitions();
        int bankRequestThreads = Integer.parseInt(setting("loanflow.bank.concurrent-requests"));
        long rounds = -Math.floorDiv(-(long) consumers * recordsPerPoll, bankRequestThreads);

        Duration longestPoll = longestCall().multipliedBy(CALLS_PER_REQUEST * rounds);

        assertThat(longestPoll).isLessThan(pollInterval);
        assertThat(longestPoll).as("a bound that means something").isGreaterThan(Duration.ofMinutes(1));
    }

    /** One call retried to its last attempt, each attempt timing out, with the longest jittered back-offs between. */
    private Duration longestCall() {
        int attempts = Integer.parseInt(setting("resilience4j.retry.instances.bank-safe-calls.max-attempts"));
        Duration firstWait = duration("resilience4j.retry.instances.bank-safe-calls.wait-duration");
        double multiplier = Double.parseDouble(setting("resilience4j.retry.instances.bank-safe-calls.exponential-backoff-multiplier"));
        double jitter = Double.parseDouble(setting("resilience4j.retry.instances.bank-safe-calls.randomized-wait-factor"));
        Duration attempt = duration("loanflow.bank.connect-timeout").plus(duration("loanflow.bank.read-timeout"));
        Duration call = attempt.multipliedBy(attempts);
        for (int wait = 0; wait < attempts - 1; wait++) {
            call = call.plusMillis(Math.round(firstWait.toMillis() * Math.pow(multiplier, wait) * (1 + jitter)));
        }
        return call;
    }

    private Duration duration(String name) {
        return DurationStyle.detectAndParse(setting(name));
    }

    private String setting(String name) {
        String value = settings.getProperty(name);
        assertThat(value).as(name).isNotNull();
        return value;
    }

    private static Properties settings() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        return yaml.getObject();
    }
}
