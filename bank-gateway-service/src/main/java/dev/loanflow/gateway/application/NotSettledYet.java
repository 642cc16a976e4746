package dev.loanflow.gateway.application;

/**
 * What became of an earlier call to the bank is not known yet (a refund in flight elsewhere, or one whose answer was
 * lost and that the bank's totals do not show yet): the request is asked about again later, like an outage, and
 * nothing is sent meanwhile.
 */
public final class NotSettledYet extends RuntimeException {

    NotSettledYet(String message) {
        super(message);
    }
}
