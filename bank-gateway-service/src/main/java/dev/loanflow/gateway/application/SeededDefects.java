package dev.loanflow.gateway.application;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Switches that turn a money fix off, for the fault suite's proof that its invariants can fail. Never set in
 * production: each is false unless a test sets it (by property, or on this bean while it runs).
 */
@ConfigurationProperties("loanflow.test.seeded-defects")
public class SeededDefects {

    private volatile boolean refundResentAfterLostAnswer;
    private volatile boolean orderIdsShared;
    private volatile boolean journeyRestartedAfterLostAnswer;

    /** A refund whose answer was lost is sent again when the bank's total does not show it yet. */
    public boolean refundResentAfterLostAnswer() {
        return refundResentAfterLostAnswer;
    }

    public void setRefundResentAfterLostAnswer(boolean on) {
        refundResentAfterLostAnswer = on;
    }

    /**
     * The merchant's order id goes to the bank as it is, shared by every merchant, and a duplicate is adopted without
     * checking it is this order's.
     */
    public boolean orderIdsShared() {
        return orderIdsShared;
    }

    public void setOrderIdsShared(boolean on) {
        orderIdsShared = on;
    }

    /**
     * An application the bank refuses as a duplicate (our earlier call reached it and its answer was lost) is not
     * adopted: the bank's journey starts over under a fresh order id.
     */
    public boolean journeyRestartedAfterLostAnswer() {
        return journeyRestartedAfterLostAnswer;
    }

    public void setJourneyRestartedAfterLostAnswer(boolean on) {
        journeyRestartedAfterLostAnswer = on;
    }
}
