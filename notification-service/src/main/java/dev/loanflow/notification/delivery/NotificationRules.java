package dev.loanflow.notification.delivery;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.loanflow.events.ApplicationStatus;

/** Which statuses notify whom, from configuration ({@code loanflow.notifications.rules}). */
@ConfigurationProperties("loanflow.notifications")
public record NotificationRules(Map<ApplicationStatus, List<Channel>> rules) {

    public List<Channel> channelsFor(ApplicationStatus status) {
        return rules == null ? List.of() : rules.getOrDefault(status, List.of());
    }
}
