package dev.loanflow.simulator.loan;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoanCalculatorTest {

    private static final BigDecimal AKTIFBANK_RATE = new BigDecimal("4.19");
    private static final BigDecimal REFERENCE_CART = new BigDecimal("20100.00");
    private static final LocalDateTime ORDER_DATE = LocalDateTime.parse("2025-12-24T10:30:00");

    @ParameterizedTest(name = "{0} terms")
    @CsvSource({
            "3, 7442.80, 22328.38, 88.9774, 7.4148",
            "6, 4016.84, 24101.05, 88.9781, 7.4148"})
    void reproducesTheBanksReferenceFigures(int term, String installment, String total, String annual, String monthly) {
        PaymentSchedule plan = LoanCalculator.schedule(REFERENCE_CART, AKTIFBANK_RATE, term, ORDER_DATE);

        assertThat(plan.installmentAmount()).isEqualTo(installment);
        assertThat(plan.totalPaymentAmount()).isEqualTo(total);
        assertThat(plan.annualEffectiveRatePercent()).isEqualTo(annual);
        assertThat(plan.monthlyEffectiveRatePercent()).isEqualTo(monthly);
    }

    @Test
    void referencePlanDueDatesAreMonthlyFromTheOrderDate() {
        PaymentSchedule plan = LoanCalculator.schedule(REFERENCE_CART, AKTIFBANK_RATE, 6, ORDER_DATE);

        assertThat(plan.installments()).extracting(ScheduledInstallment::dueDate).first()
                .isEqualTo(LocalDateTime.parse("2026-01-24T10:30:00"));
        assertThat(plan.installments().get(1).dueDate()).isEqualTo(LocalDateTime.parse("2026-02-24T10:30:00"));
        assertThat(plan.installments().get(0).amount()).isEqualTo("4016.84");
        assertThat(plan.installments().get(5).amount()).isEqualTo("4016.85");
    }

    @Test
    void plansAddUpForManyAmountsAndTerms() {
        Random random = new Random(20_100);
        for (int sample = 0; sample < 2_000; sample++) {
            BigDecimal principal = BigDecimal.valueOf(100 + random.nextInt(500_000_00), 2).add(BigDecimal.ONE);
            BigDecimal rate = BigDecimal.valueOf(150 + random.nextInt(400), 2);
            int term = 1 + random.nextInt(36);

            PaymentSchedule plan = LoanCalculator.schedule(principal, rate, term, ORDER_DATE);

            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal principalRepaid = BigDecimal.ZERO;
            BigDecimal charges = BigDecimal.ZERO;
            for (ScheduledInstallment row : plan.installments()) {
                assertThat(row.amount().signum()).isPositive();
                assertThat(row.amount()).isEqualTo(row.principal().add(row.interest()).add(row.kkdf()).add(row.bsmv()));
                sum = sum.add(row.amount());
                principalRepaid = principalRepaid.add(row.principal());
                charges = charges.add(row.interest()).add(row.kkdf()).add(row.bsmv());
            }
            assertThat(plan.installments()).hasSize(term);
            assertThat(sum).isEqualTo(plan.totalPaymentAmount());
            assertThat(principalRepaid).isEqualByComparingTo(principal);
            assertThat(plan.totalPaymentAmount().subtract(principal)).isEqualByComparingTo(charges);
            assertThat(plan.installments().get(term - 1).amount().subtract(plan.installmentAmount()).abs())
                    .isLessThanOrEqualTo(BigDecimal.valueOf(3L * term, 2));
        }
    }

    @Test
    void effectiveRatesAreStableAcrossTerms() {
        BigDecimal taxedMonthly = AKTIFBANK_RATE.multiply(new BigDecimal("1.30")).movePointLeft(2);
        BigDecimal exactAnnual = BigDecimal.ONE.add(taxedMonthly).pow(12).subtract(BigDecimal.ONE).movePointRight(2);

        for (int term = 1; term <= 36; term++) {
            PaymentSchedule plan = LoanCalculator.schedule(REFERENCE_CART, AKTIFBANK_RATE, term, ORDER_DATE);

            assertThat(plan.annualEffectiveRatePercent().subtract(exactAnnual).abs())
                    .as("annual effective rate over %d terms", term).isLessThan(new BigDecimal("0.01"));
            assertThat(plan.monthlyEffectiveRatePercent()).isEqualTo(
                    plan.annualEffectiveRatePercent().divide(BigDecimal.valueOf(12), 4, RoundingMode.HALF_UP));
        }
    }

    @Test
    void longerTermsMeanSmallerInstallmentsAndLargerTotals() {
        PaymentSchedule shorter = LoanCalculator.schedule(REFERENCE_CART, AKTIFBANK_RATE, 3, ORDER_DATE);
        PaymentSchedule longer = LoanCalculator.schedule(REFERENCE_CART, AKTIFBANK_RATE, 12, ORDER_DATE);

        assertThat(longer.installmentAmount()).isLessThan(shorter.installmentAmount());
        assertThat(longer.totalPaymentAmount()).isGreaterThan(shorter.totalPaymentAmount());
    }
}
