package dev.loanflow.gateway.application;

import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;

import dev.loanflow.events.ApplicationFailed;
import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.BankApplicationRequested;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.gateway.bank.BankApi;
import dev.loanflow.gateway.bank.BankReply;
import dev.loanflow.gateway.bank.PaynKolayClient;
import dev.loanflow.gateway.persistence.BankApplicationRecord;
import dev.loanflow.gateway.persistence.BankApplications;
import dev.loanflow.eventing.ConsumedEvents;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

/**
 * Sends the loan application to the bank, never twice for one order: an application the gateway already knows is
 * looked up instead of sent, and the bank's refusal of a duplicate order id names the application to continue with.
 */
@Component
public class BankApplicationSubmission {

    private static final String DUPLICATE_ORDER = "DUPLICATE_ORDER_ID";

    private final PaynKolayClient bank;
    private final PersonalDataSealer sealer;
    private final BankApplications applications;
    private final ConsumedEvents consumed;
    private final Outcomes outcomes;
    private final BankCallbacks callbacks;

    BankApplicationSubmission(PaynKolayClient bank, PersonalDataSealer sealer, BankApplications applications,
                              ConsumedEvents consumed, Outcomes outcomes, BankCallbacks callbacks) {
        this.bank = bank;
        this.sealer = sealer;
        this.applications = applications;
        this.consumed = consumed;
        this.outcomes = outcomes;
        this.callbacks = callbacks;
    }

    public void handle(BankApplicationRequested request) {
        EventMetadata cause = request.getMetadata();
        if (consumed.alreadyProcessed(cause.getEventId())) {
            return;
        }
        String applicationId = cause.getApplicationId();
        Optional<String> known = applications.find(applicationId).map(BankApplicationRecord::loanReferenceId);
        SpecificRecord outcome = known.isPresent()
                ? createdFromQuery(request, known.get())
                : submit(request);
        consumed.applyOnce(cause.getEventId(), BankApplicationRequested.class.getSimpleName(), () -> {
            if (outcome instanceof BankApplicationCreated created) {
                applications.saveStarted(applicationId, cause.getMerchantId(), request.getOrderId(),
                        request.getBankCode(), cause.getCorrelationId(), created.getApplicationReferenceId(),
                        request.getTimeToLive());
            } else {
                applications.updateStatus(applicationId, "FAILED");
            }
            outcomes.publish(applicationId, outcome);
        });
        if (outcome instanceof BankApplicationCreated created) {
            callbacks.referenceStored(applicationId, created.getApplicationReferenceId());
        }
    }

    private SpecificRecord submit(BankApplicationRequested request) {
        BankApi.ApplicationRequest body = new BankApi.ApplicationRequest(
                sealer.open(request.getCustomer().getNationalIdentityNumber()),
                sealer.open(request.getCustomer().getGsmNumber()), request.getOrderId(),
                Translations.utc(request.getOrderDate()), request.getTerm(), request.getTimeToLive().getEpochSecond(),
                bank.callbackUrl(), Translations.toBank(request.getCart()));
        BankReply<BankApi.Application> reply = bank.apply(request.getMetadata().getApplicationId(), request.getBankCode(),
                request.getPreApprovalReferenceId(), body);
        return reply.fold(
                application -> application.success() && application.bankApproved()
                        ? BankApplicationCreated.newBuilder().setMetadata(outcomes.causedBy(request.getMetadata()))
                                .setApplicationReferenceId(application.referenceId())
                                .setReferenceCode(application.referenceCode())
                                .setBankRedirectionUrl(application.bankRedirectionUrl())
                                .setPaymentPlan(Translations.plan(application.paymentPlan())).build()
                        : failed(request, Translations.answer(application.bankResponseCode(), application.bankResponseMessage()),
                                "the bank did not accept the application"),
                refused -> DUPLICATE_ORDER.equals(refused.errorCode()) && refused.existingReferenceId() != null
                        ? createdFromQuery(request, refused.existingReferenceId())
                        : failed(request, Translations.answer(refused.errorCode(), refused.message()),
                                "the bank refused the application"));
    }

    private SpecificRecord createdFromQuery(BankApplicationRequested request, String loanReferenceId) {
        return bank.query(request.getMetadata().getApplicationId(), request.getBankCode(), loanReferenceId).fold(
                queried -> BankApplicationCreated.newBuilder().setMetadata(outcomes.causedBy(request.getMetadata()))
                        .setApplicationReferenceId(loanReferenceId)
                        .setReferenceCode(queried.loanApplication().referenceCode())
                        .setBankRedirectionUrl(queried.loanApplication().bankRedirectionUrl())
                        .setPaymentPlan(Translations.plan(queried.loanApplication().paymentPlan())).build(),
                refused -> failed(request, Translations.answer(refused.errorCode(), refused.message()),
                        "the bank does not show the application it named"));
    }

    private ApplicationFailed failed(BankApplicationRequested request, dev.loanflow.events.BankAnswer answer, String reason) {
        return ApplicationFailed.newBuilder().setMetadata(outcomes.causedBy(request.getMetadata()))
                .setBankAnswer(answer).setReason(reason).build();
    }
}
