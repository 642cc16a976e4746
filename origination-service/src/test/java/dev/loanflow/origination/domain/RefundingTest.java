package dev.loanflow.origination.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RefundingTest {

    private final Refunding loanWithAThousandRefunded = new Refunding(Money.of("20100.00"), Money.of("1000.00"));

    @Test
    void whatRemainsIsTheLoanLessWhatWasRefunded() {
        assertThat(loanWithAThousandRefunded.remaining()).isEqualTo(Money.of("19100.00"));
    }

    @Test
    void aRequestUpToWhatRemainsIsAllowed() {
        assertThat(loanWithAThousandRefunded.allowsRequest(Money.of("19100.00"))).isTrue();
    }

    @Test
    void aRequestAboveWhatRemainsIsRefused() {
        assertThat(loanWithAThousandRefunded.allowsRequest(Money.of("19100.01"))).isFalse();
    }

    @Test
    void aRequestForNothingIsRefused() {
        assertThat(loanWithAThousandRefunded.allowsRequest(Money.ZERO)).isFalse();
    }

    @Test
    void aRefundOfLessThanWhatRemainsLeavesARemainder() {
        assertThat(loanWithAThousandRefunded.leavesRemainder(Money.of("500.00"))).isTrue();
        assertThat(loanWithAThousandRefunded.emptiesLoan(Money.of("500.00"))).isFalse();
    }

    @Test
    void aRefundOfExactlyWhatRemainsEmptiesTheLoan() {
        assertThat(loanWithAThousandRefunded.emptiesLoan(Money.of("19100.00"))).isTrue();
        assertThat(loanWithAThousandRefunded.leavesRemainder(Money.of("19100.00"))).isFalse();
    }

    @Test
    void aRefundAboveWhatRemainsIsNeitherPartialNorFull() {
        assertThat(loanWithAThousandRefunded.leavesRemainder(Money.of("19100.01"))).isFalse();
        assertThat(loanWithAThousandRefunded.emptiesLoan(Money.of("19100.01"))).isFalse();
    }
}
