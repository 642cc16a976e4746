package dev.loanflow.gateway.application;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.loanflow.events.BankAnswer;
import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.Cart;
import dev.loanflow.events.CartItem;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.events.Installment;
import dev.loanflow.events.Offer;
import dev.loanflow.events.PaymentPlan;
import dev.loanflow.events.Refunded;
import dev.loanflow.events.SellerRefund;
import dev.loanflow.gateway.bank.BankApi;

/** Between our Avro contract and the bank's JSON: money at scale 2, rates at scale 4, instants in UTC. */
final class BankTranslation {

    private BankTranslation() {
    }

    static BankApi.Cart toBank(Cart cart) {
        return new BankApi.Cart(new BankApi.Price(cart.getPrice().getItemsPrice(), cart.getPrice().getShippingPrice(),
                cart.getPrice().getTotalPrice()), cart.getItems().stream().map(BankTranslation::toBank).toList());
    }

    private static BankApi.Item toBank(CartItem item) {
        return new BankApi.Item(item.getProductName(), item.getCategoryCode(), item.getQuantity(), item.getPrice(),
                item.getTotalPriceWithoutDiscounts(), item.getTotalPrice(), item.getSellerExternalId(),
                item.getCommissionRate(), item.getCommissionAmount(), item.getWithholdingTax(), item.getMarketplaceCost());
    }

    static List<BankApi.SellerRefund> toBank(List<SellerRefund> sellers) {
        return sellers.stream().map(seller -> new BankApi.SellerRefund(seller.getTrxAmount(),
                seller.getRefundedCommissionAmount(), seller.getSellerExternalId(), seller.getWithholdingTax())).toList();
    }

    /** The pre-assessment's offers, with monthly effective rates from the simulation where the assessment omits them. */
    static List<Offer> offers(List<BankApi.MonthlyPayment> assessed, List<BankApi.MonthlyPayment> simulated) {
        Map<Integer, BankApi.MonthlyPayment> simulatedByTerm = simulated.stream()
                .collect(Collectors.toMap(BankApi.MonthlyPayment::term, Function.identity(), (first, second) -> first));
        return assessed.stream().map(payment -> {
            BigDecimal monthlyEffective = payment.monthlyEffectiveInterestRate() != null
                    ? payment.monthlyEffectiveInterestRate()
                    : simulatedByTerm.containsKey(payment.term())
                    ? simulatedByTerm.get(payment.term()).monthlyEffectiveInterestRate() : null;
            return Offer.newBuilder()
                    .setTerm(payment.term())
                    .setInstallmentAmount(money(payment.amount()))
                    .setInterestRate(rate(payment.interestRate()))
                    .setTotalPaymentAmount(money(payment.totalPaymentAmount()))
                    .setAnnualEffectiveInterestRate(rate(payment.annualEffectiveInterestRate()))
                    .setMonthlyEffectiveInterestRate(monthlyEffective == null ? null : rate(monthlyEffective))
                    .setLoanType(payment.type())
                    .build();
        }).toList();
    }

    static PaymentPlan plan(BankApi.PaymentPlan plan) {
        return new PaymentPlan(money(plan.lendingAmount()), rate(plan.interestRate()), plan.term(),
                money(plan.totalPaymentAmount()), rate(plan.annualEffectiveInterestRate()), null,
                plan.monthlyPayments().stream().map(installment -> new Installment(installment.term(),
                        money(installment.amount()), installment.dueDate().toInstant(ZoneOffset.UTC))).toList());
    }

    static PaymentPlan plan(BankApi.QueriedPaymentPlan plan) {
        return new PaymentPlan(money(plan.lendingAmount()), rate(plan.interestRate()), plan.term(),
                money(plan.totalPaymentAmount()), rate(plan.annualEffectiveInterestRate()),
                plan.monthlyEffectiveInterestRate() == null ? null : rate(plan.monthlyEffectiveInterestRate()),
                plan.monthlyPayments().stream().map(installment -> new Installment(installment.term(),
                        money(installment.amount()), installment.dueDate())).toList());
    }

    /** The loan application the bank holds, as the bank's status query and report show it. */
    static BankApplicationCreated created(EventMetadata metadata, BankApi.LoanApplication held) {
        return BankApplicationCreated.newBuilder().setMetadata(metadata)
                .setApplicationReferenceId(held.referenceId()).setReferenceCode(held.referenceCode())
                .setBankRedirectionUrl(held.bankRedirectionUrl())
                .setPaymentPlan(plan(held.paymentPlan())).build();
    }

    /** A refund the bank executed: the totals after it, worked out from what was refunded before it. */
    static Refunded refunded(EventMetadata metadata, String refundId, BigDecimal amount, BigDecimal refundedBefore,
                             BigDecimal lendingAmount, String bankReferenceId, String referenceId) {
        BigDecimal total = money(refundedBefore.add(amount));
        BigDecimal remaining = money(lendingAmount).subtract(total);
        return Refunded.newBuilder().setMetadata(metadata).setRefundId(refundId).setAmount(amount)
                .setRefundedTotal(total).setRemainingAmount(remaining).setFull(remaining.signum() == 0)
                .setBankReferenceId(bankReferenceId).setReferenceId(referenceId).build();
    }

    static LocalDateTime utc(java.time.Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static BankAnswer answer(String code, String message) {
        return new BankAnswer(code == null ? "UNKNOWN" : code, message == null ? "" : message);
    }

    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    static BigDecimal rate(BigDecimal rate) {
        return rate.setScale(4, RoundingMode.HALF_UP);
    }
}
