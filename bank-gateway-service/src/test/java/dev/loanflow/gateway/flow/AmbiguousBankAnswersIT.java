package dev.loanflow.gateway.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import dev.loanflow.events.ApplicationFailed;
import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.RefundFailed;
import dev.loanflow.events.RefundRequested;
import dev.loanflow.events.Refunded;
import dev.loanflow.gateway.application.SeededDefects;
import dev.loanflow.gateway.application.SettlingUncertainRefunds;
import dev.loanflow.gateway.bank.BankApi;
import dev.loanflow.gateway.bank.PaynKolayClient;

/**
 * The bank performs an operation and its answer never arrives. Invariants are counted from the bank's own ledger,
 * not from ours; each is also shown failing with its fix switched off.
 */
class AmbiguousBankAnswersIT extends GatewayFlowTest {

    @Autowired
    SeededDefects defects;

    @Autowired
    SettlingUncertainRefunds settling;

    @Autowired
    PaynKolayClient bank;

    @AfterEach
    void fixesBackOn() {
        defects.setRefundResentAfterLostAnswer(false);
        defects.setOrderIdsShared(false);
    }

    @Test
    void aRefundTheBankExecutesAfterWeStoppedWaitingIsSettledFromTheBankNotSentAgain() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("41");
        String loan = approved(customer).getApplicationReferenceId();
        bankActsAfterTheClientGaveUp();

        customer.send(customer.refund("100.00"));
        Refunded refunded = outcomes.await(customer.applicationId, Refunded.class, PATIENCE);

        assertThat(refunded.getRefundedTotal()).isEqualTo("100.00");
        assertThat(refundsExecutedAtTheBank(loan)).isEqualTo(1);
    }

    @Test
    void withTheFixOffTheSameRefundRunsTwiceAtTheBank() {
        defects.setRefundResentAfterLostAnswer(true);
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("42");
        String loan = approved(customer).getApplicationReferenceId();
        bankActsAfterTheClientGaveUp();

        customer.send(customer.refund("100.00"));
        outcomes.await(customer.applicationId, Refunded.class, PATIENCE);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(refundsExecutedAtTheBank(loan)).isEqualTo(2));
    }

    @Test
    void aRefundTheBankNeverExecutedIsSentAgainOnceItsTotalsSaySo() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("43");
        String loan = approved(customer).getApplicationReferenceId();
        requestLostOnItsWayToTheBank();

        customer.send(customer.refund("100.00"));
        Refunded refunded = outcomes.await(customer.applicationId, Refunded.class, PATIENCE);

        assertThat(refunded.getRefundedTotal()).isEqualTo("100.00");
        assertThat(refundsExecutedAtTheBank(loan)).isEqualTo(1);
        assertThat(jdbc.queryForList("select outcome from bank_interaction where application_id = ? and operation = 'refund' "
                + "order by id", String.class, customer.applicationId)).hasSize(2).first().asString().startsWith("UNAVAILABLE");
    }

    @Test
    void aRefundTheBanksTotalsCannotAccountForIsParkedAsUncertainUntilAnOperatorSettlesIt() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("48");
        String loan = approved(customer).getApplicationReferenceId();
        requestLostOnItsWayToTheBank();
        RefundRequested request = customer.refund("100.00");

        customer.send(request);
        await().atMost(PATIENCE).until(() -> "PENDING".equals(refundStatus(request.getRefundId())));
        bank.refund(customer.applicationId, customer.bankCode, loan, new BankApi.RefundRequest(new BigDecimal("10.00"), List.of()));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(refundStatus(request.getRefundId())).isEqualTo("UNCERTAIN"));

        assertThat(outcomes.of(customer.applicationId, Refunded.class)).isEmpty();
        assertThat(outcomes.of(customer.applicationId, RefundFailed.class)).isEmpty();
        assertThat(settling.settle(request.getRefundId(), false, "operator")).isTrue();
        assertThat(outcomes.await(customer.applicationId, RefundFailed.class, PATIENCE).getRefundId())
                .isEqualTo(request.getRefundId());
        assertThat(settling.settle(request.getRefundId(), false, "operator")).isFalse();
    }

    @Test
    void twoMerchantsWithOneOrderIdEachGetTheirOwnLoan() {
        BankRequests first = BankRequests.forCustomerWithGsmEnding("44");
        BankRequests second = first.sameOrderIdAt("merchant-other");

        BankApplicationCreated firstLoan = created(first);
        BankApplicationCreated secondLoan = created(second);

        assertThat(secondLoan.getApplicationReferenceId()).isNotEqualTo(firstLoan.getApplicationReferenceId());
        assertThat(loansAtTheBank(first.bankOrderId())).containsExactly(firstLoan.getApplicationReferenceId());
        assertThat(loansAtTheBank(second.bankOrderId())).containsExactly(secondLoan.getApplicationReferenceId());
    }

    @Test
    void withTheFixOffTheSecondMerchantsOrderIsRefusedAsTheFirstsAndGetsNoLoan() {
        defects.setOrderIdsShared(true);
        BankRequests first = BankRequests.forCustomerWithGsmEnding("45");
        BankRequests second = first.sameOrderIdAt("merchant-other");
        BankApplicationCreated firstLoan = created(first);

        second.send(second.application(preApproved(second)));
        OutcomeLog.pause(3_000);

        assertThat(loansAtTheBank(first.orderId)).containsExactly(firstLoan.getApplicationReferenceId());
        assertThat(outcomes.of(second.applicationId, BankApplicationCreated.class)).isEmpty();
        assertThat(simulator("GET", "/sandbox/ledger?operation=APPLICATION&orderId=" + first.orderId, null))
                .anyMatch(entry -> "DUPLICATE_ORDER_ID".equals(entry.path("detail").asText()));
    }

    @Test
    void anApplicationTheBankHoldsForAnotherCustomerOfTheOrderIsNeverAdopted() {
        BankRequests first = BankRequests.forCustomerWithGsmEnding("46");
        BankRequests sameOrderOtherCustomer = first.sameOrderIdAt(first.merchantId);
        BankApplicationCreated firstLoan = created(first);

        sameOrderOtherCustomer.send(sameOrderOtherCustomer.application(preApproved(sameOrderOtherCustomer)));
        ApplicationFailed failed = outcomes.await(sameOrderOtherCustomer.applicationId, ApplicationFailed.class, PATIENCE);

        assertThat(failed.getBankAnswer().getCode()).isEqualTo("DUPLICATE_ORDER_ID");
        assertThat(outcomes.of(sameOrderOtherCustomer.applicationId, BankApplicationCreated.class)).isEmpty();
        assertThat(loansAtTheBank(first.bankOrderId())).containsExactly(firstLoan.getApplicationReferenceId());
    }

    @Test
    void anApplicationWhoseConnectionDroppedAfterTheBankActedIsAdoptedFromTheBanksReport() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("47");
        String preApproval = preApproved(customer);
        faults("{\"ambiguousNext\":1,\"ambiguousAnswer\":\"DROP\"}");

        customer.send(customer.application(preApproval));
        BankApplicationCreated created = outcomes.await(customer.applicationId, BankApplicationCreated.class, PATIENCE);

        assertThat(loansAtTheBank(customer.bankOrderId())).containsExactly(created.getApplicationReferenceId());
        assertThat(created.getBankRedirectionUrl()).isNotBlank();
        assertThat(created.getPaymentPlan().getInstallments()).isNotEmpty();
    }

    /** The next call that changes the bank never reaches it, and the gateway is left without an answer. */
    private void requestLostOnItsWayToTheBank() {
        faults("{\"ambiguousNext\":1,\"ambiguousAnswer\":\"NEVER_ACTED\",\"ambiguousDelayMillis\":1500}");
    }

    /** The next call that changes the bank takes 2 s at the bank, twice as long as the gateway waits. */
    private void bankActsAfterTheClientGaveUp() {
        faults("{\"ambiguousNext\":1,\"ambiguousAnswer\":\"SLOW\",\"ambiguousDelayMillis\":2000}");
    }

    private long refundsExecutedAtTheBank(String loan) {
        long executed = 0;
        for (JsonNode entry : simulator("GET", "/sandbox/ledger?operation=REFUND", null)) {
            if (loan.equals(entry.get("referenceId").asText()) && entry.get("performed").asBoolean()) {
                executed++;
            }
        }
        return executed;
    }

    private List<String> loansAtTheBank(String bankOrderId) {
        List<String> loans = new ArrayList<>();
        for (JsonNode entry : simulator("GET", "/sandbox/ledger?operation=APPLICATION", null)) {
            if (bankOrderId.equals(entry.get("orderId").asText()) && entry.get("performed").asBoolean()) {
                loans.add(entry.get("referenceId").asText());
            }
        }
        return loans;
    }

    private String refundStatus(String refundId) {
        return jdbc.queryForList("select status from refund where refund_id = ?", String.class, refundId).stream()
                .findFirst().orElse(null);
    }
}
