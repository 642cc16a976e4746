package dev.loanflow.simulator.loan;

import java.math.BigDecimal;
import java.util.List;

/** A loan's full payment plan; rates in percent. */
public record PaymentSchedule(
        BigDecimal principal,
        BigDecimal monthlyRatePercent,
        int term,
        BigDecimal installmentAmount,
        BigDecimal totalPaymentAmount,
        BigDecimal annualEffectiveRatePercent,
        BigDecimal monthlyEffectiveRatePercent,
        List<ScheduledInstallment> installments) {
}
