package dev.loanflow.simulator.loan;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** One row of a payment plan: amount = principal + interest + KKDF + BSMV. */
public record ScheduledInstallment(
        int number,
        BigDecimal amount,
        BigDecimal principal,
        BigDecimal interest,
        BigDecimal kkdf,
        BigDecimal bsmv,
        LocalDateTime dueDate) {
}
