package dev.loanflow.origination.application;

import java.math.BigDecimal;
import java.time.Clock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.loanflow.origination.lifecycle.LifecycleEvent;
import dev.loanflow.origination.persistence.Applications;

/** An application still waiting after its time to live moves to TIMEOUT by itself. */
@Component
class TimeoutSweep {

    private final Applications applications;
    private final ApplicationTransitions transitions;
    private final LifecycleMessages messages;
    private final Clock clock;

    TimeoutSweep(Applications applications, ApplicationTransitions transitions, LifecycleMessages messages, Clock clock) {
        this.applications = applications;
        this.transitions = transitions;
        this.messages = messages;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${loanflow.origination.timeout-sweep-interval:5s}")
    void sweep() {
        for (String applicationId : applications.expired(clock.instant(), 200)) {
            transitions.apply(applicationId, LifecycleEvent.TIMED_OUT, BigDecimal.ZERO,
                    new ApplicationTransitions.Cause(null, "TimeToLiveExpired", "SYSTEM", "time to live expired"), false,
                    (before, after) -> messages.statusChanged(before, before.status(), after, "TimeToLiveExpired",
                            before.refundedTotal(), before.bankApplication(), "time to live expired", null));
        }
    }
}
