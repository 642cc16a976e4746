package dev.loanflow.gateway.kafka;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import dev.loanflow.eventing.ConcurrentKeys;
import dev.loanflow.eventing.DeadLetters;
import dev.loanflow.eventing.RecordDispatch;
import dev.loanflow.events.BankApplicationRequested;
import dev.loanflow.events.PreApprovalRequested;
import dev.loanflow.events.RefundRequested;
import dev.loanflow.gateway.application.AssessingPreApproval;
import dev.loanflow.gateway.application.CallBankThenApplyOnce;
import dev.loanflow.gateway.application.RefundingAtBank;
import dev.loanflow.gateway.application.SubmittingBankApplication;
import dev.loanflow.gateway.bank.BankInteractions;
import dev.loanflow.gateway.bank.BankUnavailable;
import dev.loanflow.gateway.persistence.WaitingRequests;
import dev.loanflow.schemas.StoredEvents;
import dev.loanflow.schemas.Topic;

/**
 * Handles bank requests in turn per application, without letting a bank that is down hold the others: a request for
 * a bank whose circuit breaker is open waits in the database ({@link WaitingRequests}) and the partition goes on; the
 * application's later requests wait behind it. One gateway at a time (a session advisory lock, released should its
 * connection die) retries the first waiting request of each application, in order, with capped back-off, once its
 * bank lets calls through. A waiting request that fails for any reason but an outage is dead-lettered as the
 * listener would have.
 */
@Component
class BankRequestsInTurn {

    static final long RETRIER_LOCK = 0x77616974696e67L;
    private static final Logger log = LoggerFactory.getLogger(BankRequestsInTurn.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);
    private static final int MOST_APPLICATIONS_A_ROUND = 200;

    private final RecordDispatch requests;
    private final CallBankThenApplyOnce once;
    private final BankInteractions interactions;
    private final ConcurrentKeys keys;
    private final WaitingRequests waiting;
    private final StoredEvents storedEvents;
    private final DataSource dataSource;
    private final Executor bankRequestThreads;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final Predicate<Throwable> outage = DeadLetters.isOutage(DeadLetterConfiguration::bankOutage);
    private final MultiGauge waitingByBank;

    BankRequestsInTurn(AssessingPreApproval preApprovals, SubmittingBankApplication submissions, RefundingAtBank refunds,
                       BankInteractions interactions, ConcurrentKeys bankRequestKeys, WaitingRequests waiting,
                       StoredEvents storedEvents, DataSource dataSource,
                       @Qualifier("bankRequestThreads") Executor bankRequestThreads,
                       DeadLetterPublishingRecoverer bankRequestDeadLetters, MeterRegistry meters,
                       CallBankThenApplyOnce once) {
        this.once = once;
        this.requests = RecordDispatch.of(Topic.BANK_REQUESTS)
                .on(PreApprovalRequested.class, preApprovals::handle)
                .on(BankApplicationRequested.class, submissions::handle)
                .on(RefundRequested.class, refunds::handle)
                .build();
        this.interactions = interactions;
        this.keys = bankRequestKeys;
        this.waiting = waiting;
        this.storedEvents = storedEvents;
        this.dataSource = dataSource;
        this.bankRequestThreads = bankRequestThreads;
        this.deadLetters = bankRequestDeadLetters;
        this.waitingByBank = MultiGauge.builder("loanflow.bank.requests.waiting")
                .description("bank requests waiting for their bank to answer again").register(meters);
    }

    void handle(List<ConsumerRecord<String, SpecificRecord>> records) {
        Set<String> waitingApplications = ConcurrentHashMap.newKeySet();
        waitingApplications.addAll(waiting.waitingAmong(records.stream().map(ConsumerRecord::key)
                .filter(Objects::nonNull).distinct().toList()));
        List<String> eventIds = records.stream().map(ConsumerRecord::value).filter(Objects::nonNull)
                .flatMap(request -> eventIdOf(request).stream()).toList();
        once.checkPoll(eventIds);
        try {
            handleInTurn(records, waitingApplications);
        } finally {
            once.pollDone(eventIds);
        }
    }

    private void handleInTurn(List<ConsumerRecord<String, SpecificRecord>> records, Set<String> waitingApplications) {
        keys.handle(records, record -> {
            if (waitingApplications.contains(record.key()) && waiting.addBehind(asConsumed(record))) {
                return;
            }
            try {
                handle(record.value());
            } catch (RuntimeException failed) {
                String bankCode = BankUnavailable.bankDownIn(failed).orElseThrow(() -> failed);
                waiting.add(asConsumed(record), bankCode, DeadLetters.causes(failed));
                waitingApplications.add(record.key());
                log.info("{} waits for bank {}, which is down", record.value().getSchema().getName(), bankCode);
            }
        });
    }

    /** A record that is not a request (it has no metadata) is left to its own handling, which dead-letters it. */
    private static Optional<String> eventIdOf(SpecificRecord request) {
        try {
            return Optional.of(RecordDispatch.metadataOf(request).getEventId());
        } catch (RuntimeException notARequest) {
            return Optional.empty();
        }
    }

    private void handle(SpecificRecord request) {
        interactions.recordTogether(() -> requests.dispatch(request));
    }

    private WaitingRequests.Request asConsumed(ConsumerRecord<String, SpecificRecord> record) {
        return new WaitingRequests.Request(RecordDispatch.metadataOf(record.value()).getEventId(), record.key(),
                record.topic(), record.partition(), record.offset(), storedEvents.encode(record.value()));
    }

    @Scheduled(fixedDelayString = "${loanflow.bank.waiting-retry-interval:1s}")
    void retryWaitingRequests() {
        try (Connection lockHolder = dataSource.getConnection()) {
            if (!advisoryLock(lockHolder, "select pg_try_advisory_lock(?)")) {
                return;
            }
            try {
                List<CompletableFuture<Void>> applications = waiting.due(MOST_APPLICATIONS_A_ROUND).stream()
                        .map(first -> CompletableFuture.runAsync(() -> retryInTurn(first), bankRequestThreads)).toList();
                applications.forEach(CompletableFuture::join);
                waitingByBank.register(waiting.countByBank().entrySet().stream()
                        .map(bank -> MultiGauge.Row.of(Tags.of("bank", bank.getKey()), bank.getValue())).toList(), true);
            } finally {
                advisoryLock(lockHolder, "select pg_advisory_unlock(?)");
            }
        } catch (SQLException | RuntimeException failed) {
            log.warn("waiting bank requests not retried this round: {}", DeadLetters.causes(failed));
        }
    }

    private void retryInTurn(WaitingRequests.Waiting first) {
        try (MDC.MDCCloseable context = MDC.putCloseable("applicationId", first.request().applicationId())) {
            Optional<WaitingRequests.Waiting> next = Optional.of(first);
            while (next.isPresent() && retried(next.get())) {
                next = waiting.nextOf(first.request().applicationId());
            }
        }
    }

    /** @return whether the request is done with: handled, or dead-lettered */
    private boolean retried(WaitingRequests.Waiting request) {
        try {
            handle(storedEvents.decode(SpecificRecord.class, request.request().payload()));
            waiting.done(request.id());
            return true;
        } catch (RuntimeException failed) {
            if (outage.test(failed)) {
                waiting.postpone(request.id(), pause(request.attempts()), DeadLetters.causes(failed));
                return false;
            }
            WaitingRequests.Request consumed = request.request();
            deadLetters.accept(new ConsumerRecord<>(consumed.topic(), consumed.partition(), consumed.offset(),
                    consumed.applicationId(), consumed.payload()), failed);
            waiting.done(request.id());
            log.warn("a request that waited for bank {} was dead-lettered: {}", request.bankCode(),
                    DeadLetters.causes(failed));
            return true;
        }
    }

    private static Duration pause(int attempts) {
        Duration pause = FIRST_PAUSE.multipliedBy(1L << Math.min(attempts, 10));
        return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
    }

    private static boolean advisoryLock(Connection connection, String call) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(call)) {
            statement.setLong(1, RETRIER_LOCK);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
