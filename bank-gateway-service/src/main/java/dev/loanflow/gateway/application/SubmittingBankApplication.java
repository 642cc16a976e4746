package dev.loanflow.gateway.application;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;

import dev.loanflow.events.ActorType;
import dev.loanflow.events.ApplicationFailed;
import dev.loanflow.events.ApplicationTimedOut;
import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.BankApplicationRequested;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.gateway.bank.BankApi;
import dev.loanflow.gateway.bank.BankReply;
import dev.loanflow.gateway.bank.PaynKolayClient;
import dev.loanflow.gateway.persistence.BankApplicationRecord;
import dev.loanflow.gateway.persistence.BankApplications;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

/**
 * Sends the loan application to the bank, never twice for one order: an application the gateway already knows is
 * looked up instead of sent; when the bank refuses a duplicate order id (our earlier call reached it and its answer
 * was lost), the application it holds is found in its report and continued with only if it is this order's. Past
 * its time to live, nothing is sent.
 */
@Component
public class SubmittingBankApplication {

    private static final String DUPLICATE_ORDER = "DUPLICATE_ORDER_ID";

    private final PaynKolayClient bank;
    private final PersonalDataSealer sealer;
    private final BankApplications applications;
    private final CallBankThenApplyOnce once;
    private final OutcomePublisher outcomes;
    private final ReceivingBankCallbacks callbacks;
    private final AdoptingBankApplication adoption;
    private final BankOrderIds orderIds;
    private final SeededDefects defects;
    private final Clock clock;

    SubmittingBankApplication(PaynKolayClient bank, PersonalDataSealer sealer, BankApplications applications,
                              CallBankThenApplyOnce once, OutcomePublisher outcomes, ReceivingBankCallbacks callbacks,
                              AdoptingBankApplication adoption, BankOrderIds orderIds, SeededDefects defects,
                              Clock clock) {
        this.clock = clock;
        this.adoption = adoption;
        this.orderIds = orderIds;
        this.defects = defects;
        this.bank = bank;
        this.sealer = sealer;
        this.applications = applications;
        this.once = once;
        this.outcomes = outcomes;
        this.callbacks = callbacks;
    }

    public void handle(BankApplicationRequested request) {
        EventMetadata cause = request.getMetadata();
        String applicationId = cause.getApplicationId();
        Optional<SpecificRecord> answer = once.handle(cause, BankApplicationRequested.class.getSimpleName(),
                () -> applications.find(applicationId).map(BankApplicationRecord::loanReferenceId)
                        .map(known -> createdFromQuery(request, known))
                        .orElseGet(() -> clock.instant().isBefore(request.getTimeToLive())
                                ? submit(request) : timedOut(request)),
                outcome -> {
                    if (outcome instanceof BankApplicationCreated created) {
                        applications.saveStarted(applicationId, cause.getMerchantId(), request.getOrderId(),
                                request.getBankCode(), cause.getCorrelationId(), created.getApplicationReferenceId(),
                                request.getTimeToLive());
                    } else {
                        applications.updateStatus(applicationId, outcome instanceof ApplicationTimedOut ? "TIMEOUT" : "FAILED");
                    }
                    outcomes.publish(applicationId, outcome);
                });
        if (answer.orElse(null) instanceof BankApplicationCreated created) {
            callbacks.referenceStored(applicationId, created.getApplicationReferenceId());
        }
    }

    /**
     * Origination times NEW out on its own at the application's time to live: past it, no application goes to the
     * bank (which would refuse it anyway), and origination hears that it timed out.
     */
    private ApplicationTimedOut timedOut(BankApplicationRequested request) {
        return ApplicationTimedOut.newBuilder().setMetadata(outcomes.causedBy(request.getMetadata()))
                .setDetectedBy(ActorType.SYSTEM).setTimeToLive(request.getTimeToLive()).build();
    }

    private SpecificRecord submit(BankApplicationRequested request) {
        BankApi.ApplicationRequest body = new BankApi.ApplicationRequest(
                sealer.open(request.getCustomer().getNationalIdentityNumber()),
                sealer.open(request.getCustomer().getGsmNumber()),
                orderIds.of(request.getMetadata().getMerchantId(), request.getOrderId()),
                BankTranslation.utc(request.getOrderDate()), request.getTerm(), request.getTimeToLive().getEpochSecond(),
                bank.callbackUrl(), BankTranslation.toBank(request.getCart()));
        BankReply<BankApi.Application> reply = bank.apply(request.getMetadata().getApplicationId(), request.getBankCode(),
                request.getPreApprovalReferenceId(), body);
        return outcome(request, reply, refused -> !DUPLICATE_ORDER.equals(refused.errorCode())
                ? failed(request, BankTranslation.answer(refused.errorCode(), refused.message()), "the bank refused the application")
                : defects.journeyRestartedAfterLostAnswer()
                        ? startedAgain(request, body)
                        : adoption.adopt(request, outcomes.causedBy(request.getMetadata())));
    }

    private SpecificRecord outcome(BankApplicationRequested request, BankReply<BankApi.Application> reply,
                                   Function<BankReply.Refused<BankApi.Application>, SpecificRecord> onRefusal) {
        return reply.fold(
                application -> application.success() && application.bankApproved()
                        ? BankApplicationCreated.newBuilder().setMetadata(outcomes.causedBy(request.getMetadata()))
                                .setApplicationReferenceId(application.referenceId())
                                .setReferenceCode(application.referenceCode())
                                .setBankRedirectionUrl(application.bankRedirectionUrl())
                                .setPaymentPlan(BankTranslation.plan(application.paymentPlan())).build()
                        : failed(request, BankTranslation.answer(application.bankResponseCode(), application.bankResponseMessage()),
                                "the bank did not accept the application"),
                onRefusal);
    }

    /**
     * The seeded defect: the bank's journey started over under a fresh order id, as if the lost application had never
     * reached the bank, so the customer ends up with two loans for one order.
     */
    private SpecificRecord startedAgain(BankApplicationRequested request, BankApi.ApplicationRequest lost) {
        String applicationId = request.getMetadata().getApplicationId();
        String bankCode = request.getBankCode();
        String orderId = lost.orderId() + "/again";
        String sessionId = bank.startSession(applicationId, bankCode).fold(BankApi.Session::referenceId, refused -> null);
        String preApprovalId = sessionId == null ? null : bank.preAssess(applicationId, bankCode, sessionId,
                new BankApi.PreApprovalRequest(lost.nationalIdentityNumber(), lost.gsmNumber(), orderId, lost.totalTerm(),
                        lost.cart())).fold(BankApi.PreApproval::referenceId, refused -> null);
        if (preApprovalId == null) {
            return failed(request, BankTranslation.answer("DUPLICATE_ORDER_ID", "the journey could not start again"),
                    "the bank refused the application");
        }
        BankApi.ApplicationRequest again = new BankApi.ApplicationRequest(lost.nationalIdentityNumber(), lost.gsmNumber(),
                orderId, lost.orderDate(), lost.totalTerm(), lost.timeToLive(), lost.callbackUrl(), lost.cart());
        return outcome(request, bank.apply(applicationId, bankCode, preApprovalId, again),
                refused -> failed(request, BankTranslation.answer(refused.errorCode(), refused.message()),
                        "the bank refused the application"));
    }

    private SpecificRecord createdFromQuery(BankApplicationRequested request, String loanReferenceId) {
        return bank.query(request.getMetadata().getApplicationId(), request.getBankCode(), loanReferenceId).fold(
                queried -> BankTranslation.created(outcomes.causedBy(request.getMetadata()), queried.loanApplication()),
                refused -> failed(request, BankTranslation.answer(refused.errorCode(), refused.message()),
                        "the bank does not show the application it named"));
    }

    private ApplicationFailed failed(BankApplicationRequested request, dev.loanflow.events.BankAnswer answer, String reason) {
        return ApplicationFailed.newBuilder().setMetadata(outcomes.causedBy(request.getMetadata()))
                .setBankAnswer(answer).setReason(reason).build();
    }
}
