package dev.loanflow.gateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.loanflow.events.BankApproved;
import dev.loanflow.events.Refunded;
import dev.loanflow.gateway.application.ReconcilingWithTheBanksReport;
import dev.loanflow.gateway.bank.BankApi;
import dev.loanflow.gateway.bank.PaynKolayClient;

/** The periodic comparison with the bank's report finds what the bank did that we were never told. */
class ReportReconciliationIT extends GatewayFlowTest {

    @Autowired
    ReconcilingWithTheBanksReport reconciling;

    @Autowired
    PaynKolayClient bank;

    @Test
    void aRefundTheBankExecutedWithoutTellingUsIsADifference() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("51");
        BankApproved approved = approved(customer);
        int before = reconciling.reconcile().refundDifferences();

        bank.refund(customer.applicationId, customer.bankCode, approved.getApplicationReferenceId(),
                new BankApi.RefundRequest(new BigDecimal("10.00"), List.of()));
        ReconcilingWithTheBanksReport.Run run = reconciling.reconcile();

        assertThat(run.complete()).isTrue();
        assertThat(run.compared()).isPositive();
        assertThat(run.refundDifferences()).isEqualTo(before + 1);
        assertThat(reconciling.lastRun()).isEqualTo(run);
    }

    @Test
    void refundsTheBankConfirmedToUsAreNoDifference() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("52");
        approved(customer);
        int before = reconciling.reconcile().refundDifferences();

        customer.send(customer.refund("10.00"));
        outcomes.await(customer.applicationId, Refunded.class, PATIENCE);

        assertThat(reconciling.reconcile().refundDifferences()).isEqualTo(before);
    }
}
