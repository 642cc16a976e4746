package dev.loanflow.simulator.application;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;

/** One loan application at the bank. Status and refunds change under the application's own lock. */
public final class LoanApplication {

    private final String referenceId;
    private final String referenceCode;
    private final String bankApplicationId;
    private final long merchantNo;
    private final String bankCode;
    private final BigDecimal monthlyRatePercent;
    private final String orderId;
    private final LocalDateTime orderDate;
    private final Instant applicationDate;
    private final String nationalIdentityNumber;
    private final String gsmNumber;
    private final int totalTerm;
    private final long timeToLive;
    private final String callbackUrl;
    private final String redirectionUrl;
    private final Cart cart;
    private final CustomerScenario scenario;
    private LoanStatus status;
    private BigDecimal refundedTotal = BigDecimal.ZERO.setScale(2);

    public LoanApplication(String referenceId, String referenceCode, String bankApplicationId, long merchantNo,
                           String bankCode, BigDecimal monthlyRatePercent, String orderId, LocalDateTime orderDate,
                           Instant applicationDate, String nationalIdentityNumber, String gsmNumber, int totalTerm,
                           long timeToLive, String callbackUrl, String redirectionUrl, Cart cart,
                           CustomerScenario scenario, LoanStatus status) {
        this.referenceId = referenceId;
        this.referenceCode = referenceCode;
        this.bankApplicationId = bankApplicationId;
        this.merchantNo = merchantNo;
        this.bankCode = bankCode;
        this.monthlyRatePercent = monthlyRatePercent;
        this.orderId = orderId;
        this.orderDate = orderDate;
        this.applicationDate = applicationDate;
        this.nationalIdentityNumber = nationalIdentityNumber;
        this.gsmNumber = gsmNumber;
        this.totalTerm = totalTerm;
        this.timeToLive = timeToLive;
        this.callbackUrl = callbackUrl;
        this.redirectionUrl = redirectionUrl;
        this.cart = cart;
        this.scenario = scenario;
        this.status = status;
    }

    /** Moves a waiting application to its outcome; false when it is no longer waiting. */
    public synchronized boolean complete(LoanStatus outcome) {
        if (!status.awaitsCustomer()) {
            return false;
        }
        status = outcome;
        return true;
    }

    /** Applies a refund, or explains why it cannot be applied. */
    public synchronized RefundResult refund(BigDecimal amount) {
        if (!status.refundable()) {
            return RefundResult.refused("NOT_REFUNDABLE", "Application in status " + status + " cannot be refunded");
        }
        BigDecimal remaining = lendingAmount().subtract(refundedTotal);
        if (amount.compareTo(remaining) > 0) {
            return RefundResult.refused("REFUND_AMOUNT_EXCEEDED",
                    "Refund amount " + amount + " exceeds the refundable amount " + remaining);
        }
        if (scenario == CustomerScenario.REFUND_ANOMALY) {
            status = LoanStatus.REFUNDED_ANOMALY;
            return RefundResult.anomalous();
        }
        refundedTotal = refundedTotal.add(amount);
        status = refundedTotal.compareTo(lendingAmount()) == 0 ? LoanStatus.REFUNDED : LoanStatus.REFUNDED_PARTIAL;
        return RefundResult.done(refundedTotal);
    }

    public BigDecimal lendingAmount() {
        return cart.totalPrice();
    }

    public synchronized LoanStatus status() {
        return status;
    }

    public synchronized BigDecimal refundedTotal() {
        return refundedTotal;
    }

    public String referenceId() {
        return referenceId;
    }

    public String referenceCode() {
        return referenceCode;
    }

    public String bankApplicationId() {
        return bankApplicationId;
    }

    public long merchantNo() {
        return merchantNo;
    }

    public String bankCode() {
        return bankCode;
    }

    public BigDecimal monthlyRatePercent() {
        return monthlyRatePercent;
    }

    public String orderId() {
        return orderId;
    }

    public LocalDateTime orderDate() {
        return orderDate;
    }

    public Instant applicationDate() {
        return applicationDate;
    }

    public String nationalIdentityNumber() {
        return nationalIdentityNumber;
    }

    public String gsmNumber() {
        return gsmNumber;
    }

    public int totalTerm() {
        return totalTerm;
    }

    public long timeToLive() {
        return timeToLive;
    }

    public String callbackUrl() {
        return callbackUrl;
    }

    public String redirectionUrl() {
        return redirectionUrl;
    }

    public Cart cart() {
        return cart;
    }

    public CustomerScenario scenario() {
        return scenario;
    }

    /** What a refund did. */
    public record RefundResult(boolean executed, boolean anomaly, String errorCode, String message, BigDecimal refundedTotal) {

        static RefundResult done(BigDecimal refundedTotal) {
            return new RefundResult(true, false, null, null, refundedTotal);
        }

        static RefundResult anomalous() {
            return new RefundResult(false, true, "REFUND_ANOMALY", "Refund anomaly at the bank", null);
        }

        static RefundResult refused(String errorCode, String message) {
            return new RefundResult(false, false, errorCode, message, null);
        }
    }
}
