package dev.loanflow.notification.delivery;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retryDelays the waits between attempts; the delivery is dead-lettered after the last one
 * @param concurrency how many deliveries are sent at the same time (one application's on a channel always one after
 *                    another)
 */
@ConfigurationProperties("loanflow.delivery")
public record DeliverySettings(List<Duration> retryDelays, @DefaultValue("8") int concurrency) {
}
