package dev.loanflow.origination.application;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.loanflow.origination.domain.ApplicationState;

/** Applications in some of the waiting states, past their time to live. */
public interface ExpiredApplications {

    List<String> expired(Set<ApplicationState> states, Instant now, int limit);
}
