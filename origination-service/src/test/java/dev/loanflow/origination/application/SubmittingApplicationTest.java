package dev.loanflow.origination.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.loanflow.events.ApplicationStatus;
import dev.loanflow.events.ApplicationStatusChanged;
import dev.loanflow.events.ApplicationSubmitted;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.events.PreApprovalRequested;
import dev.loanflow.events.SubmissionRejected;
import dev.loanflow.origination.domain.ApplicationState;
import dev.loanflow.schemas.Topic;

class SubmittingApplicationTest {

    private final UseCases given = new UseCases();

    @Test
    void aValidSubmissionIsCreatedNewAndAsksTheBankForAPreApproval() {
        String id = given.submitted();

        assertThat(given.applications.stateOf(id)).isEqualTo(ApplicationState.NEW);
        assertThat(given.outbox.of(Topic.BANK_REQUESTS, PreApprovalRequested.class)).singleElement()
                .satisfies(request -> assertThat(request.getCustomer().getNationalIdentityNumber().getCiphertext().remaining()).isPositive());
        assertThat(given.outbox.of(Topic.STATUS, ApplicationStatusChanged.class)).singleElement()
                .satisfies(changed -> assertThat(changed.getStatus()).isEqualTo(ApplicationStatus.NEW))
                .satisfies(changed -> assertThat(changed.getCustomer()).as("kept for ever, so no personal data").isNull());
        assertThat(given.outbox.of(Topic.LIFECYCLE, ApplicationStatusChanged.class)).singleElement()
                .satisfies(changed -> assertThat(changed.getCustomer().getNationalIdentityNumber()).isNotNull());
    }

    @Test
    void theSameOrderAgainReturnsTheApplicationItCreatedFirst() {
        ApplicationSubmitted submission = given.submission("ORDER-1");
        SubmittingApplication.Accepted first = (SubmittingApplication.Accepted) given.submitting.submit(submission, null);

        SubmittingApplication.Result again = given.submitting.submit(submission, null);

        assertThat(again).isEqualTo(new SubmittingApplication.Accepted(first.application(), false));
        assertThat(given.applications.size()).isEqualTo(1);
    }

    @Test
    void anInvalidSubmissionOnTheTopicIsRejectedWithItsReasonsAndNothingIsCreated() {
        ApplicationSubmitted submission = ApplicationSubmitted.newBuilder(given.submission("ORDER-2")).setTerm(7).build();

        given.submitting.submitFromTopic(UseCases.PUBLISHER, submission);

        assertThat(given.applications.size()).isZero();
        assertThat(given.outbox.of(Topic.REJECTED_SUBMISSIONS, SubmissionRejected.class)).singleElement()
                .satisfies(rejected -> assertThat(rejected.getViolations().get(0).getField()).isEqualTo("term"));
    }

    @Test
    void aSubmissionConsumedFromTheTopicTwiceIsTakenOnOnce() {
        ApplicationSubmitted submission = given.submission("ORDER-3");

        given.submitting.submitFromTopic(UseCases.PUBLISHER, submission);
        given.submitting.submitFromTopic(UseCases.PUBLISHER, submission);

        assertThat(given.applications.size()).isEqualTo(1);
        assertThat(given.outbox.of(Topic.BANK_REQUESTS, PreApprovalRequested.class)).hasSize(1);
    }

    @Test
    void anotherMerchantsSubmissionWithTheSameEventIdIsTakenOnToo() {
        ApplicationSubmitted ofOneMerchant = given.submission("ORDER-4");
        ApplicationSubmitted other = given.submission("ORDER-5");
        ApplicationSubmitted ofAnother = ApplicationSubmitted.newBuilder(other)
                .setMetadata(EventMetadata.newBuilder(other.getMetadata()).setMerchantId("merchant-other")
                        .setEventId(ofOneMerchant.getMetadata().getEventId()).build())
                .build();

        given.submitting.submitFromTopic(UseCases.PUBLISHER, ofOneMerchant);
        given.submitting.submitFromTopic(UseCases.PUBLISHER, ofAnother);

        assertThat(given.applications.size()).isEqualTo(2);
    }

    @Test
    void aSubmissionForAMerchantItsPublisherMayNotSubmitForIsRejectedAndNothingIsCreated() {
        ApplicationSubmitted submission = given.submission("ORDER-6");

        given.submitting.submitFromTopic("other-checkout", submission);

        assertThat(given.applications.size()).isZero();
        assertThat(given.outbox.of(Topic.BANK_REQUESTS, PreApprovalRequested.class)).isEmpty();
        assertThat(given.outbox.of(Topic.REJECTED_SUBMISSIONS, SubmissionRejected.class)).singleElement()
                .satisfies(rejected -> assertThat(rejected.getViolations()).singleElement()
                        .satisfies(violation -> assertThat(violation.getField()).isEqualTo("metadata.merchantId"))
                        .satisfies(violation -> assertThat(violation.getMessage()).contains("other-checkout")));
    }
}
