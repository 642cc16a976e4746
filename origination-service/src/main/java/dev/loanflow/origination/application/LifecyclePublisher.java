package dev.loanflow.origination.application;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;

import dev.loanflow.eventing.EventMetadataFactory;
import dev.loanflow.eventing.Outbox;
import dev.loanflow.events.ApplicationStatus;
import dev.loanflow.events.ApplicationStatusChanged;
import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.events.LifecycleAnomaly;
import dev.loanflow.origination.domain.Application;
import dev.loanflow.origination.domain.ApplicationState;
import dev.loanflow.origination.domain.Money;
import dev.loanflow.schemas.Topic;

/**
 * Publishes what origination tells the world, into the outbox of the caller's transaction: status changes (history
 * and latest), anomalies, and requests to the bank. Only {@link Transitions} announces status changes.
 */
@Component
class LifecyclePublisher {

    private final Outbox outbox;
    private final EventMetadataFactory metadata;

    LifecyclePublisher(Outbox outbox, EventMetadataFactory metadata) {
        this.outbox = outbox;
        this.metadata = metadata;
    }

    EventMetadata metadata(Application application, String causationId) {
        return metadata.about(application.applicationId(), application.merchantId(), application.correlationId(),
                causationId);
    }

    /** A status change as announced: what caused it, the money after it, the bank's application if there is one. */
    record Announcement(String trigger, Money refundedTotal, BankApplicationCreated bankApplication, String detail,
                        String causationId) {
    }

    void statusChanged(StoredApplication stored, ApplicationState previous, ApplicationState state, Announcement announced) {
        Application application = stored.application();
        BankApplicationCreated bankApplication = announced.bankApplication();
        ApplicationStatusChanged changed = ApplicationStatusChanged.newBuilder()
                .setMetadata(metadata(application, announced.causationId()))
                .setPreviousStatus(previous == null ? null : status(previous)).setStatus(status(state))
                .setTrigger(announced.trigger())
                .setOrderId(application.orderId()).setLoanAmount(application.loanAmount().amount())
                .setRefundedTotal(announced.refundedTotal().amount())
                .setBankCode(application.bankCode()).setTerm(application.term())
                .setBankRedirectionUrl(bankApplication == null ? null : bankApplication.getBankRedirectionUrl())
                .setPaymentPlan(bankApplication == null ? null : bankApplication.getPaymentPlan())
                .setCustomer(stored.preApprovalRequest().getCustomer())
                .setMerchantCallbackUrl(application.callbackUrl()).setDetail(announced.detail())
                .build();
        outbox.append(Topic.LIFECYCLE, application.applicationId(), changed);
        // the compacted topic keeps the latest change for ever: it carries no personal data, sealed or not
        outbox.append(Topic.STATUS, application.applicationId(),
                ApplicationStatusChanged.newBuilder(changed).setCustomer(null).build());
    }

    void anomaly(Application application, String eventType, String eventId, String reason) {
        outbox.append(Topic.ANOMALIES, application.applicationId(), LifecycleAnomaly.newBuilder()
                .setMetadata(metadata(application, eventId)).setCurrentStatus(status(application.state()))
                .setEventType(eventType).setRejectedEventId(eventId == null ? "" : eventId).setReason(reason).build());
    }

    void toBank(String applicationId, SpecificRecord request) {
        outbox.append(Topic.BANK_REQUESTS, applicationId, request);
    }

    static ApplicationStatus status(ApplicationState state) {
        return ApplicationStatus.valueOf(state.name());
    }
}
