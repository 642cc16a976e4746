package dev.loanflow.notification.delivery;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param retryDelays the waits between attempts; the delivery is dead-lettered after the last one */
@ConfigurationProperties("loanflow.delivery")
public record DeliverySettings(List<Duration> retryDelays) {
}
