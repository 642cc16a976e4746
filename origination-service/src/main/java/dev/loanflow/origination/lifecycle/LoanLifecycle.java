package dev.loanflow.origination.lifecycle;

import static dev.loanflow.origination.domain.ApplicationState.APPROVED;
import static dev.loanflow.origination.domain.ApplicationState.CANCELLED;
import static dev.loanflow.origination.domain.ApplicationState.FAILED;
import static dev.loanflow.origination.domain.ApplicationState.NEW;
import static dev.loanflow.origination.domain.ApplicationState.PRE_APPROVAL_DECLINED;
import static dev.loanflow.origination.domain.ApplicationState.PRE_APPROVED;
import static dev.loanflow.origination.domain.ApplicationState.REFUNDED;
import static dev.loanflow.origination.domain.ApplicationState.REFUNDED_ANOMALY;
import static dev.loanflow.origination.domain.ApplicationState.REFUNDED_PARTIAL;
import static dev.loanflow.origination.domain.ApplicationState.REJECTED;
import static dev.loanflow.origination.domain.ApplicationState.STARTED;
import static dev.loanflow.origination.domain.ApplicationState.TIMEOUT;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.statemachine.StateContext;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.guard.Guard;

import dev.loanflow.origination.domain.ApplicationState;
import dev.loanflow.origination.domain.Money;
import dev.loanflow.origination.domain.Refunding;

/**
 * The one place that says which transitions of a loan application are legal. The guards ask the money rules of
 * {@link Refunding}: a refund is requested only after approval and within what remains; a refund that leaves a
 * remainder is partial, one that empties the loan is full, and one above the loan amount is not a transition at all.
 * No state is an end state: terminal states simply have no outgoing transitions, so a machine can be reset and reused.
 */
public final class LoanLifecycle {

    static final String REFUNDING = "refunding";
    static final String AMOUNT = "amount";

    private LoanLifecycle() {
    }

    static StateMachine<ApplicationState, LifecycleEvent> build() {
        try {
            StateMachineBuilder.Builder<ApplicationState, LifecycleEvent> builder = StateMachineBuilder.builder();
            builder.configureConfiguration().withConfiguration().autoStartup(false);
            builder.configureStates().withStates().initial(NEW).states(EnumSet.allOf(ApplicationState.class));
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

    /**
     * The states in which an application waits for the bank: those it can time out of. The sweep, the expiry query
     * and its index are written for exactly these.
     */
    public static Set<ApplicationState> waiting() {
        return transitions().stream().filter(transition -> transition.event() == LifecycleEvent.TIMED_OUT)
                .map(TransitionDefinition::source)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ApplicationState.class)));
    }

    /**
     * The waiting states origination times out on its own clock: only NEW, before anything was asked of the bank that
     * could become a loan. From PRE_APPROVED on, the bank holds (or is being asked for) an application with the same
     * time to live, and the bank is the authority on its fate: the gateway asks it, and its TIMEOUT, approval or
     * rejection moves the application. So a merchant is never told TIMEOUT while the customer has a loan. (The gateway
     * applies right after the pre-approval, while origination may still be in NEW, but never past the time to live.)
     */
    public static Set<ApplicationState> timedOutByOrigination() {
        return EnumSet.of(NEW);
    }

    private static Guard<ApplicationState, LifecycleEvent> withinRemaining() {
        return context -> refunding(context).allowsRequest(amount(context));
    }

    private static Guard<ApplicationState, LifecycleEvent> leavesRemainder() {
        return context -> refunding(context).leavesRemainder(amount(context));
    }

    private static Guard<ApplicationState, LifecycleEvent> emptiesLoan() {
        return context -> refunding(context).emptiesLoan(amount(context));
    }

    private static Refunding refunding(StateContext<ApplicationState, LifecycleEvent> context) {
        return context.getExtendedState().get(REFUNDING, Refunding.class);
    }

    private static Money amount(StateContext<ApplicationState, LifecycleEvent> context) {
        Money amount = context.getExtendedState().get(AMOUNT, Money.class);
        return amount == null ? Money.ZERO : amount;
    }

    /** One configured transition; source equals target for internal and self transitions. */
    public record TransitionDefinition(ApplicationState source, ApplicationState target, LifecycleEvent event,
                                       String guard) {
    }
}
