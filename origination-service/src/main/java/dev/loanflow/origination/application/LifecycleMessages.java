package dev.loanflow.origination.application;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.loanflow.eventing.Outbox;
import dev.loanflow.events.ApplicationStatus;
import dev.loanflow.events.ApplicationStatusChanged;
import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.events.LifecycleAnomaly;
import dev.loanflow.origination.persistence.ApplicationRow;
import dev.loanflow.schemas.Topic;

/** What origination tells the world: status changes (history and latest), anomalies, and requests to the bank. */
@Component
class LifecycleMessages {

    private final Outbox outbox;
    private final Clock clock;

    LifecycleMessages(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    EventMetadata metadata(ApplicationRow application, String causationId) {
        return new EventMetadata(UUID.randomUUID().toString(), application.applicationId(), application.merchantId(),
                clock.instant(), application.correlationId(), causationId);
    }

    void statusChanged(ApplicationRow application, ApplicationStatus previous, ApplicationStatus status, String trigger,
                       BigDecimal refundedTotal, BankApplicationCreated bankApplication, String detail, String causationId) {
        ApplicationStatusChanged changed = ApplicationStatusChanged.newBuilder()
                .setMetadata(metadata(application, causationId))
                .setPreviousStatus(previous).setStatus(status).setTrigger(trigger)
                .setOrderId(application.orderId()).setLoanAmount(application.loanAmount()).setRefundedTotal(refundedTotal)
                .setBankCode(application.bankCode()).setTerm(application.term())
                .setBankRedirectionUrl(bankApplication == null ? null : bankApplication.getBankRedirectionUrl())
                .setPaymentPlan(bankApplication == null ? null : bankApplication.getPaymentPlan())
                .setCustomer(application.preApprovalRequest().getCustomer())
                .setMerchantCallbackUrl(application.callbackUrl()).setDetail(detail)
                .build();
        outbox.append(Topic.LIFECYCLE, application.applicationId(), changed);
        outbox.append(Topic.STATUS, application.applicationId(), changed);
    }

    void anomaly(ApplicationRow application, String eventType, String eventId, String reason) {
        outbox.append(Topic.ANOMALIES, application.applicationId(), LifecycleAnomaly.newBuilder()
                .setMetadata(metadata(application, eventId)).setCurrentStatus(application.status())
                .setEventType(eventType).setRejectedEventId(eventId == null ? "" : eventId).setReason(reason).build());
    }

    void toBank(String applicationId, org.apache.avro.specific.SpecificRecord request) {
        outbox.append(Topic.BANK_REQUESTS, applicationId, request);
    }
}
