package dev.loanflow.origination.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.loanflow.events.ApplicationCancelled;
import dev.loanflow.events.ActorType;
import dev.loanflow.events.BankAnswer;
import dev.loanflow.events.BankRejected;
import dev.loanflow.events.PreApproved;
import dev.loanflow.events.RefundFailed;
import dev.loanflow.events.SubmissionRejected;
import dev.loanflow.schemas.Topic;

class BankOutcomePolicyTest {

    @Test
    void everyOutcomeTheGatewayPublishesHasExactlyOneRule() {
        assertThat(BankOutcomePolicy.RULES).extracting(BankOutcomePolicy.Rule::outcome)
                .containsExactlyInAnyOrderElementsOf(Topic.BANK_OUTCOMES.recordTypes());
    }

    @Test
    void aPreApprovalIsFollowedByTheBankApplication() {
        assertThat(BankOutcomePolicy.ruleFor(new PreApproved()).next()).isEqualTo(BankOutcomePolicy.NextRequest.BANK_APPLICATION);
        assertThat(BankOutcomePolicy.RULES).filteredOn(rule -> rule.next() != BankOutcomePolicy.NextRequest.NONE).hasSize(1);
    }

    @Test
    void aRejectionKeepsTheBanksAnswerAsItsDetail() {
        BankRejected rejected = new BankRejected();
        rejected.put("bankAnswer", new BankAnswer("REJECTED", "not this time"));

        assertThat(BankOutcomePolicy.ruleFor(rejected).detailOf(rejected)).isEqualTo("REJECTED not this time");
    }

    @Test
    void aCancellationAtTheBankSaysWhoCancelled() {
        ApplicationCancelled cancelled = new ApplicationCancelled();
        cancelled.put("cancelledBy", ActorType.CUSTOMER);

        assertThat(BankOutcomePolicy.ruleFor(cancelled).detailOf(cancelled)).isEqualTo("cancelled by CUSTOMER");
    }

    @Test
    void aFailedRefundSettlesTheRefundWithoutMovingTheApplication() {
        BankOutcomePolicy.Rule rule = BankOutcomePolicy.ruleFor(new RefundFailed());

        assertThat(rule.event()).isNull();
        assertThat(rule.refund()).isEqualTo(BankOutcomePolicy.RefundSettlement.FAILED);
    }

    @Test
    void aRecordThatIsNoBankOutcomeHasNoRule() {
        assertThatThrownBy(() -> BankOutcomePolicy.ruleFor(new SubmissionRejected()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
