package dev.loanflow.gateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.loanflow.events.RefundAnomalyReported;
import dev.loanflow.events.RefundFailed;
import dev.loanflow.events.RefundRequested;
import dev.loanflow.events.Refunded;

class RefundsIT extends GatewayFlowTest {

    @Test
    void partialThenFullRefundReportTheRunningTotal() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("31");
        approved(customer);

        customer.send(customer.refund("1000.00"));
        Refunded partial = outcomes.await(customer.applicationId, Refunded.class, PATIENCE);
        customer.send(customer.refund("19100.00"));
        awaitCount(customer, 2);
        Refunded full = outcomes.of(customer.applicationId, Refunded.class).get(1);

        assertThat(partial.getRefundedTotal()).isEqualTo("1000.00");
        assertThat(partial.getRemainingAmount()).isEqualTo("19100.00");
        assertThat(partial.getFull()).isFalse();
        assertThat(full.getRefundedTotal()).isEqualTo("20100.00");
        assertThat(full.getRemainingAmount()).isEqualTo("0.00");
        assertThat(full.getFull()).isTrue();
    }

    @Test
    void refundAboveTheLoanAmountFailsWithTheBanksReason() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("32");
        approved(customer);

        customer.send(customer.refund("20100.01"));
        RefundFailed failed = outcomes.await(customer.applicationId, RefundFailed.class, PATIENCE);

        assertThat(failed.getBankAnswer().getCode()).isEqualTo("REFUND_AMOUNT_EXCEEDED");
        assertThat(failed.getAmount()).isEqualTo("20100.01");
    }

    @Test
    void redeliveredRefundIsExecutedOnce() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("33");
        approved(customer);
        RefundRequested refund = customer.refund("500.00");

        customer.send(refund);
        outcomes.await(customer.applicationId, Refunded.class, PATIENCE);
        customer.send(refund);
        customer.send(customer.refund("100.00"));
        awaitCount(customer, 2);

        assertThat(outcomes.of(customer.applicationId, Refunded.class)).extracting(Refunded::getRefundedTotal)
                .containsExactly(new java.math.BigDecimal("500.00"), new java.math.BigDecimal("600.00"));
    }

    @Test
    void refundAnomalyAtTheBankIsReported() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("05");
        approved(customer);

        customer.send(customer.refund("100.00"));

        assertThat(outcomes.await(customer.applicationId, RefundAnomalyReported.class, PATIENCE).getReason()).isNotBlank();
    }

    private void awaitCount(BankRequests customer, int refunds) {
        long deadline = System.currentTimeMillis() + PATIENCE.toMillis();
        while (outcomes.of(customer.applicationId, Refunded.class).size() < refunds && System.currentTimeMillis() < deadline) {
            OutcomeLog.pause(100);
        }
    }
}
