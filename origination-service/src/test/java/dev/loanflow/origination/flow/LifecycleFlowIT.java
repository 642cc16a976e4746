package dev.loanflow.origination.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.loanflow.events.ApplicationStatus;
import dev.loanflow.infra.testdata.TestData;
import dev.loanflow.events.ApplicationStatusChanged;
import dev.loanflow.events.BankApplicationRequested;
import dev.loanflow.events.BankApproved;
import dev.loanflow.events.LifecycleAnomaly;
import dev.loanflow.events.PreApprovalRequested;
import dev.loanflow.events.PreApproved;
import dev.loanflow.origination.Merchants;
import dev.loanflow.origination.OriginationIntegrationTest;
import dev.loanflow.schemas.Topic;

class LifecycleFlowIT extends OriginationIntegrationTest {

    final TopicLog topics = TopicLog.get();
    Merchants merchant;

    @BeforeEach
    void merchant() {
        merchant = new Merchants(http, "merchant-a");
    }

    @Test
    void submissionAsksForPreApprovalWithSealedPersonalData() {
        Map<String, Object> body = Merchants.validApplication();
        String nationalId = (String) ((Map<?, ?>) body.get("customer")).get("nationalIdentityNumber");
        String id = merchant.submit(body).getBody().get("applicationId").asText();

        PreApprovalRequested request = topics.await(id, Topic.BANK_REQUESTS, PreApprovalRequested.class, 1).get(0);

        assertThat(request.getBankCode()).isEqualTo("AKTIFBANK");
        assertThat(request.getMaxTerm()).isEqualTo(6);
        assertThat(request.getThenApply().getTerm()).isEqualTo(6);
        assertThat(request.getThenApply().getTimeToLive())
                .isEqualTo(Instant.parse((String) body.get("timeToLive")).truncatedTo(ChronoUnit.MILLIS));
        assertThat(SEALER.open(request.getCustomer().getNationalIdentityNumber())).isEqualTo(nationalId);
        assertThat(request.toString()).doesNotContain(nationalId).doesNotContain("5551234567");
        assertThat(topics.await(id, Topic.LIFECYCLE, ApplicationStatusChanged.class, 1).get(0).getStatus())
                .isEqualTo(ApplicationStatus.NEW);
    }

    @Test
    void bankOutcomesMoveTheApplicationToApprovedWithHistoryAndStatusEvents() {
        String id = merchant.submitted();

        GatewayStandIn.send(id, GatewayStandIn.preApproved(id));
        GatewayStandIn.send(id, GatewayStandIn.created(id));
        GatewayStandIn.send(id, GatewayStandIn.approved(id));
        topics.await(id, Topic.STATUS, ApplicationStatusChanged.class, 4);
        JsonNode application = merchant.get(id).getBody();

        assertThat(topics.of(id, Topic.BANK_REQUESTS, BankApplicationRequested.class))
                .as("the gateway applies at the bank on its own after a pre-approval").isEmpty();
        assertThat(application.get("status").asText()).isEqualTo("APPROVED");
        assertThat(application.get("bankRedirectionUrl").asText()).isEqualTo("https://bank.example/page/" + id);
        assertThat(application.get("offers").get(0).get("installmentAmount").decimalValue()).isEqualByComparingTo("4016.84");
        assertThat(application.get("paymentPlan").get("totalPaymentAmount").decimalValue()).isEqualByComparingTo("24101.05");
        assertThat(application.get("history").findValuesAsText("to"))
                .containsExactly("NEW", "PRE_APPROVED", "STARTED", "APPROVED");
        assertThat(topics.of(id, Topic.LIFECYCLE, ApplicationStatusChanged.class))
                .extracting(ApplicationStatusChanged::getStatus)
                .containsExactly(ApplicationStatus.NEW, ApplicationStatus.PRE_APPROVED, ApplicationStatus.STARTED,
                        ApplicationStatus.APPROVED);
    }

    @Test
    void illegalOutcomeChangesNothingAndIsReportedAsAnAnomaly() {
        String id = merchant.submitted();

        GatewayStandIn.send(id, GatewayStandIn.approved(id));
        LifecycleAnomaly anomaly = topics.await(id, Topic.ANOMALIES, LifecycleAnomaly.class, 1).get(0);

        assertThat(anomaly.getCurrentStatus()).isEqualTo(ApplicationStatus.NEW);
        assertThat(anomaly.getEventType()).isEqualTo("BankApproved");
        assertThat(merchant.status(id)).isEqualTo("NEW");
    }

    @Test
    void redeliveredOutcomeIsAppliedOnce() {
        String id = merchant.submitted();
        PreApproved preApproved = GatewayStandIn.preApproved(id);

        GatewayStandIn.send(id, preApproved);
        GatewayStandIn.send(id, preApproved);
        topics.await(id, Topic.LIFECYCLE, ApplicationStatusChanged.class, 2);
        TopicLog.pause(1_500);

        assertThat(topics.of(id, Topic.LIFECYCLE, ApplicationStatusChanged.class)).hasSize(2);
        assertThat(topics.of(id, Topic.ANOMALIES, LifecycleAnomaly.class)).isEmpty();
        assertThat(merchant.get(id).getBody().get("history").size()).isEqualTo(2);
    }

    @Test
    void applicationPastItsTimeToLiveTimesOutByItself() {
        Map<String, Object> body = Merchants.validApplication();
        body.put("timeToLive", Instant.now().plusSeconds(2).toString());
        String id = merchant.submit(body).getBody().get("applicationId").asText();

        ApplicationStatusChanged timedOut = topics.await(id, Topic.LIFECYCLE, ApplicationStatusChanged.class, 2).get(1);

        assertThat(timedOut.getStatus()).isEqualTo(ApplicationStatus.TIMEOUT);
        assertThat(merchant.status(id)).isEqualTo("TIMEOUT");
    }

    @Test
    void anApplicationTheBankHoldsIsNotTimedOutOnOurClockAndALateApprovalStillCounts() {
        Map<String, Object> body = Merchants.validApplication();
        body.put("timeToLive", Instant.now().plusSeconds(2).toString());
        String id = merchant.submit(body).getBody().get("applicationId").asText();
        GatewayStandIn.send(id, GatewayStandIn.preApproved(id));
        GatewayStandIn.send(id, GatewayStandIn.created(id));
        topics.await(id, Topic.LIFECYCLE, ApplicationStatusChanged.class, 3);

        TopicLog.pause(3_500);
        String afterItsTimeToLive = merchant.status(id);
        GatewayStandIn.send(id, GatewayStandIn.approved(id));
        topics.await(id, Topic.LIFECYCLE, ApplicationStatusChanged.class, 4);

        assertThat(afterItsTimeToLive).isEqualTo("STARTED");
        assertThat(merchant.status(id)).isEqualTo("APPROVED");
    }

    @Test
    void submissionOnTheInputTopicThatIsInvalidIsRejectedWithReasons() {
        String id = "topic-" + java.util.UUID.randomUUID();
        SubmissionProducer.send(id, "12345678901");

        var rejected = topics.await(id, Topic.REJECTED_SUBMISSIONS, dev.loanflow.events.SubmissionRejected.class, 1).get(0);

        assertThat(rejected.getViolations()).extracting(v -> v.getField()).contains("customer.nationalIdentityNumber");
        assertThat(jdbc.queryForObject("select count(*) from loan_application where application_id = ?", Integer.class, id)).isZero();
    }

    @Test
    void submissionOnAPublishersTopicForAMerchantItMayNotSubmitForIsRejectedAndNothingIsCreated() {
        String id = "topic-" + java.util.UUID.randomUUID();

        SubmissionProducer.send("marketplace", id, SubmissionProducer.submission(id, TestData.nationalId()), null);

        var rejected = topics.await(id, Topic.REJECTED_SUBMISSIONS, dev.loanflow.events.SubmissionRejected.class, 1).get(0);
        assertThat(rejected.getViolations()).extracting(v -> v.getField()).containsExactly("metadata.merchantId");
        assertThat(jdbc.queryForObject("select count(*) from loan_application where application_id = ?", Integer.class, id)).isZero();
    }

    @Test
    void twoMerchantsPublishingOneEventIdEachGetTheirSubmissionTakenOn() {
        String first = "topic-" + java.util.UUID.randomUUID();
        String second = "topic-" + java.util.UUID.randomUUID();
        var ofOneMerchant = SubmissionProducer.submission(first, TestData.nationalId());
        var anotherMerchants = SubmissionProducer.submission(second, TestData.nationalId());
        var ofAnother = dev.loanflow.events.ApplicationSubmitted.newBuilder(anotherMerchants)
                .setMetadata(dev.loanflow.events.EventMetadata.newBuilder(anotherMerchants.getMetadata())
                        .setMerchantId("merchant-other").setEventId(ofOneMerchant.getMetadata().getEventId()).build())
                .build();

        SubmissionProducer.send(first, ofOneMerchant, null);
        SubmissionProducer.send(second, ofAnother, null);

        assertThat(topics.await(first, Topic.BANK_REQUESTS, PreApprovalRequested.class, 1)).hasSize(1);
        assertThat(topics.await(second, Topic.BANK_REQUESTS, PreApprovalRequested.class, 1)).hasSize(1);
    }

    @Test
    void validSubmissionOnTheInputTopicIsTakenOn() {
        String id = "topic-" + java.util.UUID.randomUUID();
        SubmissionProducer.send(id, TestData.nationalId());

        assertThat(topics.await(id, Topic.BANK_REQUESTS, PreApprovalRequested.class, 1)).hasSize(1);
    }
}
