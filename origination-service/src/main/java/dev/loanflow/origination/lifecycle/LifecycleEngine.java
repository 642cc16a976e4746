package dev.loanflow.origination.lifecycle;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.statemachine.ExtendedState;
import org.springframework.statemachine.StateContext;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.support.DefaultExtendedState;
import org.springframework.statemachine.support.DefaultStateContext;
import org.springframework.statemachine.transition.Transition;

import reactor.core.publisher.Mono;

import dev.loanflow.origination.domain.ApplicationState;
import dev.loanflow.origination.domain.Money;
import dev.loanflow.origination.domain.Refunding;

/**
 * Applies one event to an application whose state lives in the database, by the transitions of the Statemachine
 * configuration ({@link LoanLifecycle}), read once into a table by source state and event: the first of an event's
 * transitions whose guard accepts the money is taken, as the machine takes it. Resetting a running machine to the
 * stored state for every event cost more than the rest of a transition's handling; {@code LifecycleEngineTest} holds
 * this table to the running machine for every state, event and kind of amount.
 */
public final class LifecycleEngine {

    private final StateMachine<ApplicationState, LifecycleEvent> machine = LoanLifecycle.build();
    private final Map<ApplicationState, Map<LifecycleEvent, List<Transition<ApplicationState, LifecycleEvent>>>> table =
            new EnumMap<>(ApplicationState.class);

    public LifecycleEngine() {
        for (Transition<ApplicationState, LifecycleEvent> transition : machine.getTransitions()) {
            table.computeIfAbsent(transition.getSource().getId(), source -> new EnumMap<>(LifecycleEvent.class))
                    .computeIfAbsent(transition.getTrigger().getEvent(), event -> new ArrayList<>()).add(transition);
        }
    }

    /** Where every application starts. */
    public ApplicationState initial() {
        return machine.getInitialState().getId();
    }

    /**
     * @param refunding the application's loan amount and what has been refunded so far
     * @param amount    the refund amount the event is about (a requested or an executed refund), else zero
     * @return the state after the transition (the same state for an internal one), or empty when the event is not
     *         legal in {@code current}
     */
    public Optional<ApplicationState> apply(ApplicationState current, LifecycleEvent event, Refunding refunding,
                                            Money amount) {
        List<Transition<ApplicationState, LifecycleEvent>> candidates =
                table.getOrDefault(current, Map.of()).getOrDefault(event, List.of());
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        ExtendedState money = new DefaultExtendedState();
        money.getVariables().put(LoanLifecycle.REFUNDING, refunding);
        money.getVariables().put(LoanLifecycle.AMOUNT, amount);
        for (Transition<ApplicationState, LifecycleEvent> transition : candidates) {
            if (accepts(transition, money)) {
                return Optional.of(transition.getTarget().getId());
            }
        }
        return Optional.empty();
    }

    private boolean accepts(Transition<ApplicationState, LifecycleEvent> transition, ExtendedState money) {
        Function<StateContext<ApplicationState, LifecycleEvent>, Mono<Boolean>> guard = transition.getGuard();
        if (guard == null) {
            return true;
        }
        StateContext<ApplicationState, LifecycleEvent> context = new DefaultStateContext<>(StateContext.Stage.TRANSITION,
                null, null, money, transition, machine, transition.getSource(), transition.getTarget(), null);
        return Boolean.TRUE.equals(guard.apply(context).block());
    }
}
