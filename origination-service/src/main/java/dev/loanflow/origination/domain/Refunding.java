package dev.loanflow.origination.domain;

/**
 * The money rules of refunds against a loan: what may be asked for, and what an executed refund leaves.
 *
 * @param loanAmount what the bank lent
 * @param refunded   what the bank has refunded so far
 */
public record Refunding(Money loanAmount, Money refunded) {

    public Money remaining() {
        return loanAmount.minus(refunded);
    }

    /** A request is allowed when it is positive and, with the refunds still pending, within what remains. */
    public boolean allowsRequest(Money requestedWithPending) {
        return requestedWithPending.isPositive() && !requestedWithPending.isAbove(remaining());
    }

    /** An executed refund that leaves part of the loan. */
    public boolean leavesRemainder(Money executed) {
        return executed.isPositive() && executed.compareTo(remaining()) < 0;
    }

    /** An executed refund that returns exactly what remained. */
    public boolean emptiesLoan(Money executed) {
        return executed.compareTo(remaining()) == 0;
    }
}
