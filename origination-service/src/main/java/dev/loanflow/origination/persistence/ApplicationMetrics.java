package dev.loanflow.origination.persistence;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.loanflow.events.ApplicationStatus;

/** Applications by state ({@code loanflow.applications{status=…}}), counted every few seconds, not per scrape. */
@Component
class ApplicationMetrics {

    private final JdbcClient jdbc;
    private final Map<String, Long> counts = new ConcurrentHashMap<>();

    ApplicationMetrics(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        Arrays.stream(ApplicationStatus.values()).forEach(status -> {
            counts.put(status.name(), 0L);
            Gauge.builder("loanflow.applications", counts, all -> all.getOrDefault(status.name(), 0L))
                    .tag("status", status.name()).description("applications in each state").register(meters);
        });
    }

    @Scheduled(fixedDelayString = "${loanflow.origination.metrics-interval:5s}")
    void count() {
        List<Map<String, Object>> rows = jdbc.sql("select status, count(*) as n from loan_application group by status")
                .query().listOfRows();
        counts.replaceAll((status, previous) -> 0L);
        rows.forEach(row -> counts.put((String) row.get("status"), ((Number) row.get("n")).longValue()));
    }
}
