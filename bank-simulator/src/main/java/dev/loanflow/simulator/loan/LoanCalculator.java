package dev.loanflow.simulator.loan;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The bank's consumer-loan maths. The monthly contract rate is charged on the outstanding balance, and the
 * interest carries two taxes, KKDF and BSMV (15 % each), so the annuity runs at rate x 1.30. Each row's interest and
 * taxes are rounded half-up to the kuruş; every installment but the last is the rounded annuity, and the last one
 * closes the balance. The annual effective rate compounds the internal rate of return of the rounded plan over twelve
 * months; the monthly effective rate is a twelfth of it.
 */
public final class LoanCalculator {

    public static final BigDecimal KKDF_RATE = new BigDecimal("0.15");
    public static final BigDecimal BSMV_RATE = new BigDecimal("0.15");

    private static final MathContext PRECISE = MathContext.DECIMAL128;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);
    private static final BigDecimal IRR_TOLERANCE = new BigDecimal("1E-20");

    private LoanCalculator() {
    }

    public static PaymentSchedule schedule(BigDecimal principal, BigDecimal monthlyRatePercent, int term,
                                           LocalDateTime firstDueDateBase) {
        if (principal.signum() <= 0 || term < 1) {
            throw new IllegalArgumentException("principal must be positive and term at least 1");
        }
        BigDecimal contractRate = monthlyRatePercent.divide(HUNDRED, PRECISE);
        BigDecimal installment = cents(annuity(principal, taxed(contractRate), term));
        List<ScheduledInstallment> rows = new ArrayList<>(term);
        BigDecimal balance = principal;
        for (int number = 1; number <= term; number++) {
            BigDecimal interest = cents(balance.multiply(contractRate));
            BigDecimal kkdf = cents(interest.multiply(KKDF_RATE));
            BigDecimal bsmv = cents(interest.multiply(BSMV_RATE));
            BigDecimal charges = interest.add(kkdf).add(bsmv);
            BigDecimal principalPart = number < term ? installment.subtract(charges) : balance;
            rows.add(new ScheduledInstallment(number, principalPart.add(charges), principalPart, interest, kkdf, bsmv,
                    firstDueDateBase.plusMonths(number)));
            balance = balance.subtract(principalPart);
        }
        BigDecimal total = rows.stream().map(ScheduledInstallment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal annualEffective = annualEffectiveRate(principal, rows);
        return new PaymentSchedule(principal, monthlyRatePercent, term, installment, total, annualEffective,
                annualEffective.divide(TWELVE, 4, RoundingMode.HALF_UP), rows);
    }

    private static BigDecimal taxed(BigDecimal contractRate) {
        return contractRate.multiply(BigDecimal.ONE.add(KKDF_RATE).add(BSMV_RATE));
    }

    private static BigDecimal annuity(BigDecimal principal, BigDecimal rate, int term) {
        BigDecimal growth = BigDecimal.ONE.add(rate).pow(term, PRECISE);
        return principal.multiply(rate).multiply(growth).divide(growth.subtract(BigDecimal.ONE), PRECISE);
    }

    /** Percent, four decimals: (1 + IRR)^12 - 1 where IRR equates the rounded installments with the principal. */
    private static BigDecimal annualEffectiveRate(BigDecimal principal, List<ScheduledInstallment> rows) {
        BigDecimal monthly = internalRateOfReturn(principal, rows);
        return BigDecimal.ONE.add(monthly).pow(12, PRECISE).subtract(BigDecimal.ONE)
                .multiply(HUNDRED).setScale(4, RoundingMode.HALF_UP);
    }

    private static BigDecimal internalRateOfReturn(BigDecimal principal, List<ScheduledInstallment> rows) {
        BigDecimal rate = new BigDecimal("0.05");
        for (int iteration = 0; iteration < 100; iteration++) {
            BigDecimal presentValue = principal.negate();
            BigDecimal derivative = BigDecimal.ZERO;
            BigDecimal discount = BigDecimal.ONE.divide(BigDecimal.ONE.add(rate), PRECISE);
            BigDecimal factor = BigDecimal.ONE;
            for (ScheduledInstallment row : rows) {
                factor = factor.multiply(discount, PRECISE);
                presentValue = presentValue.add(row.amount().multiply(factor, PRECISE), PRECISE);
                derivative = derivative.subtract(BigDecimal.valueOf(row.number())
                        .multiply(row.amount()).multiply(factor, PRECISE).multiply(discount, PRECISE), PRECISE);
            }
            BigDecimal step = presentValue.divide(derivative, PRECISE);
            rate = rate.subtract(step, PRECISE);
            if (step.abs().compareTo(IRR_TOLERANCE) < 0) {
                return rate;
            }
        }
        return rate;
    }

    private static BigDecimal cents(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}
