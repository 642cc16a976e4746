package dev.loanflow.origination.ops;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.loanflow.eventing.DeadLetterReplay;
import dev.loanflow.eventing.ParkedEvents;
import dev.loanflow.origination.persistence.ApplicationQueries;
import dev.loanflow.origination.persistence.ApplicationRepository;

/**
 * What the ops dashboard ({@code /ops/index.html}) shows: counts by state, throughput, recent applications, pushed
 * every second over server-sent events, one application's timeline on demand, the agreement with the bank, and what
 * waits for an operator. Across all merchants, so it belongs behind the admin scope.
 */
@RestController
@RequestMapping("/ops")
class OpsController {

    private final JdbcClient jdbc;
    private final ApplicationRepository applications;
    private final ApplicationQueries queries;
    private final Set<SseEmitter> watchers = new CopyOnWriteArraySet<>();
    private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ops-dashboard");
        thread.setDaemon(true);
        return thread;
    });

    private final BankAgreement bankAgreement;
    private final ParkedEvents parkedEvents;
    private final DeadLetterReplay deadLetters;

    OpsController(JdbcClient jdbc, ApplicationRepository applications, ApplicationQueries queries,
                  BankAgreement bankAgreement, ParkedEvents parkedEvents, DeadLetterReplay deadLetters) {
        this.jdbc = jdbc;
        this.bankAgreement = bankAgreement;
        this.parkedEvents = parkedEvents;
        this.deadLetters = deadLetters;
        this.applications = applications;
        this.queries = queries;
        pusher.scheduleWithFixedDelay(this::push, 1, 1, TimeUnit.SECONDS);
    }

    record Recent(String applicationId, String merchantId, String orderId, String status, BigDecimal loanAmount,
                  Instant updatedAt) {
    }

    record Summary(Map<String, Long> byStatus, long transitionsLastMinute, long total, List<Recent> recent, Instant at) {
    }

    @GetMapping("/summary")
    Summary summary() {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        queries.countByStatus().forEach((status, count) -> byStatus.put(status.name(), count));
        long perMinute = jdbc.sql("select count(*) from application_transition where occurred_at > now() - interval '1 minute'")
                .query(Long.class).single();
        // the applications of the latest transitions, found from the newest end of the transitions' key rather than by
        // sorting every application by when it last changed
        List<Recent> recent = jdbc.sql("select a.application_id, a.merchant_id, a.order_id, a.status, a.loan_amount, "
                        + "a.updated_at from loan_application a join (select application_id, max(id) as latest from "
                        + "(select application_id, id from application_transition order by id desc limit 200) newest "
                        + "group by application_id order by latest desc limit 15) changed using (application_id) "
                        + "order by changed.latest desc")
                .query((rs, n) -> new Recent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), rs.getTimestamp(6).toInstant()))
                .list();
        return new Summary(byStatus, perMinute, byStatus.values().stream().mapToLong(Long::longValue).sum(), recent,
                Instant.now());
    }

    /** What only an operator can settle: this service's parked outbox events and the dead letters it keeps. */
    record Attention(List<ParkedEvents.Parked> parkedEvents, Map<String, Long> deadLetters) {
    }

    @GetMapping("/attention")
    Attention attention() {
        return new Attention(parkedEvents.list(), deadLetters.held());
    }

    @GetMapping("/bank-agreement")
    BankAgreement.View bankAgreement(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return bankAgreement.read(authorization);
    }

    @GetMapping(path = "/stream", produces = "text/event-stream")
    SseEmitter stream() throws IOException {
        SseEmitter emitter = new SseEmitter(0L);
        emitter.onCompletion(() -> watchers.remove(emitter));
        emitter.onTimeout(() -> watchers.remove(emitter));
        emitter.onError(error -> watchers.remove(emitter));
        watchers.add(emitter);
        emitter.send(SseEmitter.event().name("summary").data(summary()));
        return emitter;
    }

    @GetMapping("/applications/{applicationId}/timeline")
    ResponseEntity<List<ApplicationQueries.Transition>> timeline(@PathVariable String applicationId) {
        return applications.find(applicationId).isEmpty()
                ? ResponseEntity.notFound().build()
                : ResponseEntity.ok(queries.history(applicationId));
    }

    private void push() {
        if (watchers.isEmpty()) {
            return;
        }
        Summary summary;
        try {
            summary = summary();
        } catch (RuntimeException databaseUnavailable) {
            return;
        }
        for (SseEmitter watcher : watchers) {
            try {
                watcher.send(SseEmitter.event().name("summary").data(summary));
            } catch (IOException | IllegalStateException gone) {
                watchers.remove(watcher);
            }
        }
    }

    /** Before the graceful shutdown, which would otherwise wait out its whole timeout for the open streams. */
    @EventListener(ContextClosedEvent.class)
    void stop() {
        pusher.shutdownNow();
        watchers.forEach(SseEmitter::complete);
    }
}
