package dev.loanflow.origination.application;

import java.time.Clock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.loanflow.origination.lifecycle.LifecycleEvent;
import dev.loanflow.origination.lifecycle.LoanLifecycle;

/**
 * An application that never reached the bank moves to TIMEOUT by itself after its time to live; one the bank holds
 * is the bank's to time out ({@link LoanLifecycle#timedOutByOrigination()}).
 */
@Component
class TimingOutApplications {

    private static final String DETAIL = "time to live expired";

    private final ExpiredApplications queries;
    private final Transitions transitions;
    private final Clock clock;

    TimingOutApplications(ExpiredApplications queries, Transitions transitions, Clock clock) {
        this.queries = queries;
        this.transitions = transitions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${loanflow.origination.timeout-sweep-interval:5s}")
    void sweep() {
        for (String applicationId : queries.expired(LoanLifecycle.timedOutByOrigination(), clock.instant(), 200)) {
            transitions.apply(applicationId,
                    Change.of(LifecycleEvent.TIMED_OUT, Change.Cause.fromSystem("TimeToLiveExpired", DETAIL)));
        }
    }
}
