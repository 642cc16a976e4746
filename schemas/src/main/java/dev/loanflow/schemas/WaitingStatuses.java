package dev.loanflow.schemas;

import java.util.EnumSet;
import java.util.Set;

import dev.loanflow.events.ApplicationStatus;

/**
 * Part of the contract: the statuses in which an application still waits for the bank. Every other status is the
 * bank's decision (refunds may still follow an approval). Origination's lifecycle derives the same set from its
 * configuration, and a test there keeps the two equal.
 */
public final class WaitingStatuses {

    public static final Set<ApplicationStatus> WAITING =
            EnumSet.of(ApplicationStatus.NEW, ApplicationStatus.PRE_APPROVED, ApplicationStatus.STARTED);

    private WaitingStatuses() {
    }

    public static boolean isWaiting(String status) {
        return WAITING.stream().anyMatch(waiting -> waiting.name().equals(status));
    }
}
