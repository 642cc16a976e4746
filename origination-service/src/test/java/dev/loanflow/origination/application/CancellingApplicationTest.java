package dev.loanflow.origination.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.loanflow.origination.domain.ApplicationState;

class CancellingApplicationTest {

    private final UseCases given = new UseCases();

    @Test
    void anApplicationThatHasNotReachedTheBankIsCancelled() {
        String id = given.submitted();

        assertThat(given.cancelling.cancel(UseCases.MERCHANT, id)).isInstanceOf(MerchantAnswer.Done.class);
        assertThat(given.applications.stateOf(id)).isEqualTo(ApplicationState.CANCELLED);
    }

    @Test
    void anApprovedApplicationIsNotCancelled() {
        String id = Approved.application(given);

        assertThat(given.cancelling.cancel(UseCases.MERCHANT, id)).isInstanceOf(MerchantAnswer.NotAllowed.class);
        assertThat(given.applications.stateOf(id)).isEqualTo(ApplicationState.APPROVED);
    }

    @Test
    void anotherMerchantsApplicationIsNotFoundAndStaysAsItWas() {
        String id = given.submitted();

        assertThat(given.cancelling.cancel("shop-b", id)).isInstanceOf(MerchantAnswer.NotFound.class);
        assertThat(given.applications.stateOf(id)).isEqualTo(ApplicationState.NEW);
    }
}
