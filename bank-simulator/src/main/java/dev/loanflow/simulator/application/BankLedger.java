package dev.loanflow.simulator.application;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
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
     * @param customer    whose operation it was: the SHA-256 of the customer's national identity number, in hex, so
     *                    a count can tell which customer holds a loan whatever order id it was made under, and the
     *                    ledger holds no identity number in clear
     */
    public record Entry(Instant at, long merchantNo, String orderId, Operation operation, boolean performed,
                        String referenceId, BigDecimal amount, String detail, String customer) {
    }

    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
    private final Clock clock;

    public BankLedger(Clock clock) {
        this.clock = clock;
    }

    void performed(long merchantNo, String orderId, Operation operation, String referenceId, BigDecimal amount,
                   String detail, String nationalIdentityNumber) {
        entries.add(new Entry(clock.instant(), merchantNo, orderId, operation, true, referenceId, amount, detail,
                digest(nationalIdentityNumber)));
    }

    void refused(long merchantNo, String orderId, Operation operation, String referenceId, BigDecimal amount,
                 String reason, String nationalIdentityNumber) {
        entries.add(new Entry(clock.instant(), merchantNo, orderId, operation, false, referenceId, amount, reason,
                digest(nationalIdentityNumber)));
    }

    /** The ledger's customer field for a national identity number. */
    public static String digest(String nationalIdentityNumber) {
        if (nationalIdentityNumber == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(nationalIdentityNumber.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public void clear() {
        entries.clear();
    }
}
