package dev.loanflow.origination.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.loanflow.events.RefundRequested;
import dev.loanflow.origination.domain.ApplicationState;
import dev.loanflow.origination.domain.Money;
import dev.loanflow.origination.flow.GatewayStandIn;
import dev.loanflow.schemas.Topic;

class RequestingRefundTest {

    private final UseCases given = new UseCases();

    @Test
    void aRefundWithinWhatRemainsGoesToTheBankWithItsLoanReference() {
        String id = Approved.application(given);

        MerchantAnswer answer = given.refunding.refund(UseCases.MERCHANT, id, new BigDecimal("1000.00"), List.of());

        assertThat(answer).isInstanceOf(MerchantAnswer.Done.class);
        assertThat(given.outbox.of(Topic.BANK_REQUESTS, RefundRequested.class)).singleElement()
                .satisfies(request -> assertThat(request.getApplicationReferenceId()).isEqualTo("loan-" + id));
    }

    @Test
    void refundsStillOnTheirWayCountAgainstWhatRemains() {
        String id = Approved.application(given);
        given.refunding.refund(UseCases.MERCHANT, id, new BigDecimal("20000.00"), List.of());

        MerchantAnswer second = given.refunding.refund(UseCases.MERCHANT, id, new BigDecimal("100.01"), List.of());

        assertThat(second).isInstanceOf(MerchantAnswer.NotAllowed.class);
    }

    @Test
    void theBanksRefundMakesTheLoanPartlyRefunded() {
        String id = Approved.application(given);
        MerchantAnswer.Done done = (MerchantAnswer.Done) given.refunding.refund(UseCases.MERCHANT, id,
                new BigDecimal("1000.00"), List.of());

        given.outcomes.handle(GatewayStandIn.refunded(id, done.reference(), "1000.00", "1000.00", "19100.00"),
                GatewayStandIn.metadata(id));

        assertThat(given.applications.stateOf(id)).isEqualTo(ApplicationState.REFUNDED_PARTIAL);
        assertThat(given.applications.find(id).orElseThrow().application().refunded()).isEqualTo(Money.of("1000.00"));
        assertThat(given.refunds.refunds.get(done.reference()).status()).isEqualTo("DONE");
    }

    @Test
    void aFailedRefundFreesItsAmountAndLeavesTheLoanAsItWas() {
        String id = Approved.application(given);
        MerchantAnswer.Done done = (MerchantAnswer.Done) given.refunding.refund(UseCases.MERCHANT, id,
                new BigDecimal("20100.00"), List.of());

        given.outcomes.handle(GatewayStandIn.refundFailed(id, done.reference()), GatewayStandIn.metadata(id));

        assertThat(given.applications.stateOf(id)).isEqualTo(ApplicationState.APPROVED);
        assertThat(given.refunding.refund(UseCases.MERCHANT, id, new BigDecimal("20100.00"), List.of()))
                .isInstanceOf(MerchantAnswer.Done.class);
    }

    @Test
    void anotherMerchantsApplicationIsNotFound() {
        String id = Approved.application(given);

        assertThat(given.refunding.refund("shop-b", id, new BigDecimal("1.00"), List.of()))
                .isInstanceOf(MerchantAnswer.NotFound.class);
    }
}
