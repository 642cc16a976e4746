package dev.loanflow.origination.application;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;

import dev.loanflow.eventing.ConsumedEvents;
import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.BankApplicationRequested;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.events.PreApprovalRequested;
import dev.loanflow.events.PreApproved;
import dev.loanflow.events.Refunded;
import dev.loanflow.origination.domain.Application;
import dev.loanflow.origination.domain.Money;
import dev.loanflow.origination.lifecycle.BankOutcomePolicy;
import dev.loanflow.origination.lifecycle.BankOutcomePolicy.NextRequest;
import dev.loanflow.origination.lifecycle.BankOutcomePolicy.RefundSettlement;

/** The bank's answers, as the gateway reports them, move applications along as {@link BankOutcomePolicy} says. */
@Component
public class HandlingBankOutcomes {

    private final Transitions transitions;
    private final RefundBook refunds;
    private final LifecyclePublisher publisher;
    private final ConsumedEvents consumed;

    HandlingBankOutcomes(Transitions transitions, RefundBook refunds, LifecyclePublisher publisher, ConsumedEvents consumed) {
        this.transitions = transitions;
        this.refunds = refunds;
        this.publisher = publisher;
        this.consumed = consumed;
    }

    public void handle(SpecificRecord outcome, EventMetadata metadata) {
        BankOutcomePolicy.Rule rule = BankOutcomePolicy.ruleFor(outcome);
        String outcomeType = outcome.getClass().getSimpleName();
        String detail = rule.detailOf(outcome);
        if (rule.event() == null) {
            consumed.applyOnce(metadata.getEventId(), outcomeType, () -> settleRefund(rule, outcome, detail));
            return;
        }
        Change change = withWhatItCarries(Change.of(rule.event(), Change.Cause.fromBank(metadata, outcomeType, detail)), outcome)
                .then((before, after) -> {
                    settleRefund(rule, outcome, detail);
                    if (rule.next() == NextRequest.BANK_APPLICATION && !gatewayApplies(before)) {
                        publisher.toBank(before.applicationId(), bankApplicationRequest(before, (PreApproved) outcome));
                    }
                });
        transitions.apply(metadata.getApplicationId(), change);
    }

    private static Change withWhatItCarries(Change change, SpecificRecord outcome) {
        if (outcome instanceof PreApproved preApproved) {
            return change.recording(preApproved);
        }
        if (outcome instanceof BankApplicationCreated created) {
            return change.recording(created);
        }
        if (outcome instanceof Refunded refunded) {
            return change.refunding(Money.of(refunded.getAmount()));
        }
        return change;
    }

    private void settleRefund(BankOutcomePolicy.Rule rule, SpecificRecord outcome, String detail) {
        String refundId = rule.refundIdOf(outcome);
        if (rule.refund() != RefundSettlement.NONE && refundId != null) {
            refunds.completed(refundId, rule.refund().name(), detail);
        }
    }

    /** A pre-approval request carrying the application's terms had the gateway submit the application itself. */
    private static boolean gatewayApplies(StoredApplication stored) {
        return stored.preApprovalRequest() != null && stored.preApprovalRequest().getThenApply() != null;
    }

    private BankApplicationRequested bankApplicationRequest(StoredApplication stored, PreApproved preApproved) {
        Application application = stored.application();
        PreApprovalRequested original = stored.preApprovalRequest();
        return BankApplicationRequested.newBuilder()
                .setMetadata(publisher.metadata(application, preApproved.getMetadata().getEventId()))
                .setOrderId(application.orderId()).setOrderDate(application.createdAt())
                .setBankCode(preApproved.getBankCode()).setPreApprovalReferenceId(preApproved.getPreApprovalReferenceId())
                .setTerm(application.term()).setTimeToLive(application.timeToLive())
                .setCustomer(original.getCustomer()).setCart(original.getCart())
                .build();
    }
}
