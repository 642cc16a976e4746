package dev.loanflow.origination.persistence;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.loanflow.origination.domain.ApplicationState;

/** Applications by state ({@code loanflow.applications{status=…}}), read every few seconds, not per scrape. */
@Component
class ApplicationMetrics {

    private final ApplicationQueries applications;
    private final Map<ApplicationState, Long> counts = new ConcurrentHashMap<>();

    ApplicationMetrics(ApplicationQueries applications, MeterRegistry meters) {
        this.applications = applications;
        Arrays.stream(ApplicationState.values()).forEach(status -> {
            counts.put(status, 0L);
            Gauge.builder("loanflow.applications", counts, all -> all.getOrDefault(status, 0L))
                    .tag("status", status.name()).description("applications in each state").register(meters);
        });
    }

    @Scheduled(fixedDelayString = "${loanflow.origination.metrics-interval:5s}")
    void count() {
        applications.foldStatusChanges();
        counts.putAll(applications.countByStatus());
    }
}
