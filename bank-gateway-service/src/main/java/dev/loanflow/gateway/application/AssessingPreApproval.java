package dev.loanflow.gateway.application;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;

import dev.loanflow.events.ApplicationFailed;
import dev.loanflow.events.BankApplicationRequested;
import dev.loanflow.events.BankApplicationTerms;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.events.PreApprovalDeclined;
import dev.loanflow.events.PreApprovalRequested;
import dev.loanflow.events.PreApproved;
import dev.loanflow.gateway.bank.BankApi;
import dev.loanflow.gateway.bank.BankReply;
import dev.loanflow.gateway.bank.PaynKolayClient;
import dev.loanflow.gateway.persistence.BankApplicationRecord;
import dev.loanflow.gateway.persistence.BankApplications;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

/**
 * Session, payment simulation and pre-credit assessment at the chosen bank; then PreApproved or a decline. When the
 * request carries the application's terms, a pre-approval goes straight on to the loan application at the bank
 * ({@link SubmittingBankApplication}), saving origination a hop.
 */
@Component
public class AssessingPreApproval {

    private final PaynKolayClient bank;
    private final PersonalDataSealer sealer;
    private final BankApplications applications;
    private final CallBankThenApplyOnce once;
    private final OutcomePublisher outcomes;
    private final BankOrderIds orderIds;
    private final SubmittingBankApplication submissions;

    AssessingPreApproval(PaynKolayClient bank, PersonalDataSealer sealer, BankApplications applications,
                          CallBankThenApplyOnce once, OutcomePublisher outcomes, BankOrderIds orderIds,
                          SubmittingBankApplication submissions) {
        this.submissions = submissions;
        this.orderIds = orderIds;
        this.bank = bank;
        this.sealer = sealer;
        this.applications = applications;
        this.once = once;
        this.outcomes = outcomes;
    }

    public void handle(PreApprovalRequested request) {
        Optional<Assessment> fresh = assessOnce(request);
        if (request.getThenApply() == null) {
            return;
        }
        // a redelivered request whose assessment was committed before: the stored pre-approval says whether to go on
        Optional<String> preApprovalReferenceId = fresh.isPresent()
                ? fresh.filter(assessment -> assessment.outcome() instanceof PreApproved)
                        .map(Assessment::preApprovalReferenceId)
                : applications.find(request.getMetadata().getApplicationId())
                        .filter(stored -> BankApplicationRecord.PRE_APPROVED.equals(stored.status()))
                        .map(BankApplicationRecord::preApprovalReferenceId);
        preApprovalReferenceId.ifPresent(reference -> submissions.handle(bankApplicationRequest(request, reference)));
    }

    /**
     * The application request origination would have sent on PreApproved, as a request of its own: its event id is
     * derived from the pre-approval request's, so a redelivery submits it once, like any other request.
     */
    private static BankApplicationRequested bankApplicationRequest(PreApprovalRequested request, String preApprovalReferenceId) {
        EventMetadata cause = request.getMetadata();
        BankApplicationTerms terms = request.getThenApply();
        String eventId = UUID.nameUUIDFromBytes(("BankApplicationRequested\u0000" + cause.getEventId())
                .getBytes(StandardCharsets.UTF_8)).toString();
        return BankApplicationRequested.newBuilder()
                .setMetadata(EventMetadata.newBuilder(cause).setEventId(eventId).setCausationId(cause.getEventId()).build())
                .setOrderId(request.getOrderId()).setOrderDate(terms.getOrderDate()).setBankCode(request.getBankCode())
                .setPreApprovalReferenceId(preApprovalReferenceId).setTerm(terms.getTerm())
                .setTimeToLive(terms.getTimeToLive()).setCustomer(request.getCustomer()).setCart(request.getCart())
                .build();
    }

    private Optional<Assessment> assessOnce(PreApprovalRequested request) {
        EventMetadata cause = request.getMetadata();
        String applicationId = cause.getApplicationId();
        String bankCode = request.getBankCode();
        return once.handle(cause, PreApprovalRequested.class.getSimpleName(),
                () -> bank.startSession(applicationId, bankCode).fold(
                        session -> assess(request, session.referenceId(), BankTranslation.toBank(request.getCart())),
                        refused -> Assessment.failed(failure(cause, refused, "the bank refused to start a session"))),
                assessment -> {
                    applications.savePreAssessment(applicationId, cause.getMerchantId(), request.getOrderId(), bankCode,
                            assessment.preApprovalReferenceId(), assessment.status(), cause.getCorrelationId());
                    outcomes.publish(applicationId, assessment.outcome());
                });
    }

    private Assessment assess(PreApprovalRequested request, String sessionId, BankApi.Cart cart) {
        EventMetadata cause = request.getMetadata();
        String applicationId = cause.getApplicationId();
        BankReply<BankApi.Simulation> simulation = bank.simulate(applicationId, request.getBankCode(), sessionId,
                new BankApi.SimulationRequest(request.getMaxTerm(), cart));
        if (simulation instanceof BankReply.Refused<BankApi.Simulation> refused) {
            return Assessment.failed(failure(cause, refused, "the bank refused the payment simulation"));
        }
        BankApi.Simulation simulated = ((BankReply.Answered<BankApi.Simulation>) simulation).body();
        BankApi.PreApprovalRequest assessmentRequest = new BankApi.PreApprovalRequest(
                sealer.open(request.getCustomer().getNationalIdentityNumber()),
                sealer.open(request.getCustomer().getGsmNumber()),
                orderIds.of(cause.getMerchantId(), request.getOrderId()), request.getMaxTerm(), cart);
        return bank.preAssess(applicationId, request.getBankCode(), sessionId, assessmentRequest).fold(
                assessed -> assessed.bankSuccess()
                        ? new Assessment(PreApproved.newBuilder().setMetadata(outcomes.causedBy(cause))
                                .setBankCode(request.getBankCode()).setPreApprovalReferenceId(assessed.referenceId())
                                .setOffers(BankTranslation.offers(assessed.monthlyPayments(), simulated.monthlyPayments()))
                                .setBankAnswer(BankTranslation.answer(assessed.bankResponseCode(), assessed.bankResponseMessage()))
                                .build(), assessed.referenceId(), BankApplicationRecord.PRE_APPROVED)
                        : new Assessment(PreApprovalDeclined.newBuilder().setMetadata(outcomes.causedBy(cause))
                                .setBankCode(request.getBankCode()).setPreApprovalReferenceId(assessed.referenceId())
                                .setBankAnswer(BankTranslation.answer(assessed.bankResponseCode(), assessed.bankResponseMessage()))
                                .build(), assessed.referenceId(), BankApplicationRecord.DECLINED),
                refused -> Assessment.failed(failure(cause, refused, "the bank refused the pre-credit assessment")));
    }

    private ApplicationFailed failure(EventMetadata cause, BankReply.Refused<?> refused, String reason) {
        return ApplicationFailed.newBuilder().setMetadata(outcomes.causedBy(cause))
                .setBankAnswer(BankTranslation.answer(refused.errorCode(), refused.message())).setReason(reason).build();
    }

    private record Assessment(SpecificRecord outcome, String preApprovalReferenceId, String status) {

        static Assessment failed(ApplicationFailed failure) {
            return new Assessment(failure, null, "FAILED");
        }
    }
}
