package dev.loanflow.origination.lifecycle;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;

import dev.loanflow.events.ApplicationCancelled;
import dev.loanflow.events.ApplicationFailed;
import dev.loanflow.events.ApplicationTimedOut;
import dev.loanflow.events.BankAnswer;
import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.BankApproved;
import dev.loanflow.events.BankRejected;
import dev.loanflow.events.PreApprovalDeclined;
import dev.loanflow.events.PreApproved;
import dev.loanflow.events.RefundAnomalyReported;
import dev.loanflow.events.RefundFailed;
import dev.loanflow.events.Refunded;

/**
 * What each of the bank's outcomes means for an application, as a table: the lifecycle event it is (none when the
 * application's state does not change), the detail kept and announced, what becomes of the refund it settles, and
 * the request origination sends next. Which transitions are legal stays {@link LoanLifecycle}'s.
 */
public final class BankOutcomePolicy {

    /** What origination asks of the bank after an outcome. */
    public enum NextRequest { NONE, BANK_APPLICATION }

    /** The refund an outcome settles, and how. */
    public enum RefundSettlement { NONE, DONE, FAILED, ANOMALY }

    /**
     * @param event    the lifecycle event the outcome is, or null when the application's state does not change
     * @param refundId the refund the outcome settles, when it settles one
     */
    public record Rule(Class<? extends SpecificRecord> outcome, LifecycleEvent event,
                       Function<SpecificRecord, String> detail, RefundSettlement refund,
                       Function<SpecificRecord, String> refundId, NextRequest next) {

        public String detailOf(SpecificRecord outcome) {
            return detail.apply(outcome);
        }

        public String refundIdOf(SpecificRecord outcome) {
            return refundId.apply(outcome);
        }

        Rule then(NextRequest request) {
            return new Rule(outcome, event, detail, refund, refundId, request);
        }
    }

    public static final List<Rule> RULES = List.of(
            rule(PreApproved.class, LifecycleEvent.PRE_APPROVED, none()).then(NextRequest.BANK_APPLICATION),
            rule(PreApprovalDeclined.class, LifecycleEvent.PRE_APPROVAL_DECLINED, declined -> answer(declined.getBankAnswer())),
            rule(BankApplicationCreated.class, LifecycleEvent.BANK_APPLICATION_CREATED, none()),
            rule(BankApproved.class, LifecycleEvent.BANK_APPROVED, none()),
            rule(BankRejected.class, LifecycleEvent.BANK_REJECTED, rejected -> answer(rejected.getBankAnswer())),
            rule(ApplicationCancelled.class, LifecycleEvent.CANCELLED_AT_BANK,
                    cancelled -> "cancelled by " + cancelled.getCancelledBy()),
            rule(ApplicationFailed.class, LifecycleEvent.FAILED, ApplicationFailed::getReason),
            rule(ApplicationTimedOut.class, LifecycleEvent.TIMED_OUT, timedOut -> "timed out at the bank"),
            settling(Refunded.class, LifecycleEvent.REFUNDED, none(), RefundSettlement.DONE, Refunded::getRefundId),
            settling(RefundFailed.class, null, failed -> answer(failed.getBankAnswer()), RefundSettlement.FAILED,
                    RefundFailed::getRefundId),
            settling(RefundAnomalyReported.class, LifecycleEvent.REFUND_ANOMALY, RefundAnomalyReported::getReason,
                    RefundSettlement.ANOMALY, RefundAnomalyReported::getRefundId));

    private static final Map<Class<?>, Rule> BY_OUTCOME = RULES.stream()
            .collect(Collectors.toUnmodifiableMap(Rule::outcome, Function.identity()));

    private BankOutcomePolicy() {
    }

    public static Rule ruleFor(SpecificRecord outcome) {
        Rule rule = BY_OUTCOME.get(outcome.getClass());
        if (rule == null) {
            throw new IllegalArgumentException("not a bank outcome: " + outcome.getClass().getName());
        }
        return rule;
    }

    private static <T extends SpecificRecord> Rule rule(Class<T> outcome, LifecycleEvent event, Function<T, String> detail) {
        return settling(outcome, event, detail, RefundSettlement.NONE, none());
    }

    private static <T extends SpecificRecord> Rule settling(Class<T> outcome, LifecycleEvent event,
                                                            Function<T, String> detail, RefundSettlement refund,
                                                            Function<T, String> refundId) {
        return new Rule(outcome, event, record -> detail.apply(outcome.cast(record)), refund,
                record -> refundId.apply(outcome.cast(record)), NextRequest.NONE);
    }

    private static <T> Function<T, String> none() {
        return outcome -> null;
    }

    private static String answer(BankAnswer answer) {
        return answer.getCode() + " " + answer.getMessage();
    }
}
