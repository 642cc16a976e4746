package dev.loanflow.origination.application;

import java.time.Clock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.loanflow.origination.lifecycle.LifecycleEvent;
import dev.loanflow.origination.persistence.ApplicationQueries;

/** An application still waiting after its time to live moves to TIMEOUT by itself. */
@Component
class TimingOutApplications {

    private static final String DETAIL = "time to live expired";

    private final ApplicationQueries queries;
    private final Transitions transitions;
    private final Clock clock;

    TimingOutApplications(ApplicationQueries queries, Transitions transitions, Clock clock) {
        this.queries = queries;
        this.transitions = transitions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${loanflow.origination.timeout-sweep-interval:5s}")
    void sweep() {
        for (String applicationId : queries.expired(clock.instant(), 200)) {
            transitions.apply(applicationId,
                    Change.of(LifecycleEvent.TIMED_OUT, Change.Cause.fromSystem("TimeToLiveExpired", DETAIL)));
        }
    }
}
