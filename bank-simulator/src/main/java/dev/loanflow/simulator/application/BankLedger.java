package dev.loanflow.simulator.application;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every operation that changes the bank, as the bank saw it: performed or refused, per merchant and order. What a
 * client believes happened does not count here; fault suites count from this.
 */
public final class BankLedger {

    public enum Operation { PRE_ASSESSMENT, APPLICATION, REFUND }

    /**
     * @param referenceId the pre-assessment's or loan application's reference
     * @param amount      the cart total of an application, the amount of a refund
     */
    public record Entry(Instant at, long merchantNo, String orderId, Operation operation, boolean performed,
                        String referenceId, BigDecimal amount, String detail) {
    }

    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
    private final Clock clock;

    public BankLedger(Clock clock) {
        this.clock = clock;
    }

    void performed(long merchantNo, String orderId, Operation operation, String referenceId, BigDecimal amount,
                   String detail) {
        entries.add(new Entry(clock.instant(), merchantNo, orderId, operation, true, referenceId, amount, detail));
    }

    void refused(long merchantNo, String orderId, Operation operation, String referenceId, BigDecimal amount,
                 String reason) {
        entries.add(new Entry(clock.instant(), merchantNo, orderId, operation, false, referenceId, amount, reason));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public void clear() {
        entries.clear();
    }
}
