package dev.loanflow.origination.lifecycle;

import static dev.loanflow.events.ApplicationStatus.APPROVED;
import static dev.loanflow.events.ApplicationStatus.CANCELLED;
import static dev.loanflow.events.ApplicationStatus.FAILED;
import static dev.loanflow.events.ApplicationStatus.NEW;
import static dev.loanflow.events.ApplicationStatus.PRE_APPROVAL_DECLINED;
import static dev.loanflow.events.ApplicationStatus.PRE_APPROVED;
import static dev.loanflow.events.ApplicationStatus.REFUNDED;
import static dev.loanflow.events.ApplicationStatus.REFUNDED_ANOMALY;
import static dev.loanflow.events.ApplicationStatus.REFUNDED_PARTIAL;
import static dev.loanflow.events.ApplicationStatus.REJECTED;
import static dev.loanflow.events.ApplicationStatus.STARTED;
import static dev.loanflow.events.ApplicationStatus.TIMEOUT;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.statemachine.StateContext;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.guard.Guard;

import dev.loanflow.events.ApplicationStatus;

/**
 * The one place that says which transitions of a loan application are legal. The guards carry the money rules:
 * a refund is requested only after approval and within what remains; a refund that leaves a remainder is partial,
 * one that empties the loan is full, and one above the loan amount is not a transition at all. No state is an end
 * state: terminal states simply have no outgoing transitions, so a machine can be reset and reused.
 */
public final class LoanLifecycle {

    static final String LOAN_AMOUNT = "loanAmount";
    static final String REFUNDED_TOTAL = "refundedTotal";
    static final String AMOUNT = "amount";

    public static final Set<ApplicationStatus> WAITING = EnumSet.of(NEW, PRE_APPROVED, STARTED);

    private LoanLifecycle() {
    }

    static StateMachine<ApplicationStatus, LifecycleEvent> build() {
        try {
            StateMachineBuilder.Builder<ApplicationStatus, LifecycleEvent> builder = StateMachineBuilder.builder();
            builder.configureConfiguration().withConfiguration().autoStartup(false);
            builder.configureStates().withStates().initial(NEW).states(EnumSet.allOf(ApplicationStatus.class));
            builder.configureTransitions()
                    .withExternal().source(NEW).target(PRE_APPROVED).event(LifecycleEvent.PRE_APPROVED).and()
                    .withExternal().source(NEW).target(PRE_APPROVAL_DECLINED).event(LifecycleEvent.PRE_APPROVAL_DECLINED).and()
                    .withExternal().source(PRE_APPROVED).target(STARTED).event(LifecycleEvent.BANK_APPLICATION_CREATED).and()
                    .withExternal().source(STARTED).target(APPROVED).event(LifecycleEvent.BANK_APPROVED).and()
                    .withExternal().source(STARTED).target(REJECTED).event(LifecycleEvent.BANK_REJECTED).and()
                    .withExternal().source(NEW).target(CANCELLED).event(LifecycleEvent.CANCELLATION_REQUESTED).and()
                    .withExternal().source(PRE_APPROVED).target(CANCELLED).event(LifecycleEvent.CANCELLATION_REQUESTED).and()
                    .withExternal().source(STARTED).target(CANCELLED).event(LifecycleEvent.CANCELLED_AT_BANK).and()
                    .withExternal().source(NEW).target(FAILED).event(LifecycleEvent.FAILED).and()
                    .withExternal().source(PRE_APPROVED).target(FAILED).event(LifecycleEvent.FAILED).and()
                    .withExternal().source(STARTED).target(FAILED).event(LifecycleEvent.FAILED).and()
                    .withExternal().source(NEW).target(TIMEOUT).event(LifecycleEvent.TIMED_OUT).and()
                    .withExternal().source(PRE_APPROVED).target(TIMEOUT).event(LifecycleEvent.TIMED_OUT).and()
                    .withExternal().source(STARTED).target(TIMEOUT).event(LifecycleEvent.TIMED_OUT).and()
                    .withInternal().source(APPROVED).event(LifecycleEvent.REFUND_REQUESTED).guard(withinRemaining()).name("amount within remainder").and()
                    .withInternal().source(REFUNDED_PARTIAL).event(LifecycleEvent.REFUND_REQUESTED).guard(withinRemaining()).name("amount within remainder").and()
                    .withExternal().source(APPROVED).target(REFUNDED_PARTIAL).event(LifecycleEvent.REFUNDED).guard(leavesRemainder()).name("leaves a remainder").and()
                    .withExternal().source(APPROVED).target(REFUNDED).event(LifecycleEvent.REFUNDED).guard(emptiesLoan()).name("empties the loan").and()
                    .withExternal().source(REFUNDED_PARTIAL).target(REFUNDED_PARTIAL).event(LifecycleEvent.REFUNDED).guard(leavesRemainder()).name("leaves a remainder").and()
                    .withExternal().source(REFUNDED_PARTIAL).target(REFUNDED).event(LifecycleEvent.REFUNDED).guard(emptiesLoan()).name("empties the loan").and()
                    .withExternal().source(APPROVED).target(REFUNDED_ANOMALY).event(LifecycleEvent.REFUND_ANOMALY).and()
                    .withExternal().source(REFUNDED_PARTIAL).target(REFUNDED_ANOMALY).event(LifecycleEvent.REFUND_ANOMALY);
            return builder.build();
        } catch (Exception e) {
            throw new IllegalStateException("invalid loan lifecycle configuration", e);
        }
    }

    /** Every configured transition, for tables and diagrams. */
    public static List<TransitionDefinition> transitions() {
        return build().getTransitions().stream()
                .map(transition -> new TransitionDefinition(transition.getSource().getId(),
                        transition.getTarget().getId(), transition.getTrigger().getEvent(), transition.getName()))
                .toList();
    }

    private static Guard<ApplicationStatus, LifecycleEvent> withinRemaining() {
        return context -> {
            BigDecimal amount = amount(context);
            return amount.signum() > 0 && amount.compareTo(remaining(context)) <= 0;
        };
    }

    private static Guard<ApplicationStatus, LifecycleEvent> leavesRemainder() {
        return context -> amount(context).signum() > 0 && amount(context).compareTo(remaining(context)) < 0;
    }

    private static Guard<ApplicationStatus, LifecycleEvent> emptiesLoan() {
        return context -> amount(context).compareTo(remaining(context)) == 0;
    }

    private static BigDecimal remaining(StateContext<ApplicationStatus, LifecycleEvent> context) {
        return variable(context, LOAN_AMOUNT).subtract(variable(context, REFUNDED_TOTAL));
    }

    private static BigDecimal amount(StateContext<ApplicationStatus, LifecycleEvent> context) {
        return variable(context, AMOUNT);
    }

    private static BigDecimal variable(StateContext<ApplicationStatus, LifecycleEvent> context, String name) {
        BigDecimal value = context.getExtendedState().get(name, BigDecimal.class);
        return value == null ? BigDecimal.ZERO : value;
    }

    /** One configured transition; source equals target for internal and self transitions. */
    public record TransitionDefinition(ApplicationStatus source, ApplicationStatus target, LifecycleEvent event,
                                       String guard) {
    }
}
