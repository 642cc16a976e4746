package dev.loanflow.origination.lifecycle;

import java.util.Optional;

import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.listener.StateMachineListenerAdapter;
import org.springframework.statemachine.support.DefaultExtendedState;
import org.springframework.statemachine.support.DefaultStateMachineContext;
import org.springframework.statemachine.transition.Transition;

import reactor.core.publisher.Mono;

import dev.loanflow.origination.domain.ApplicationState;
import dev.loanflow.origination.domain.Money;
import dev.loanflow.origination.domain.Refunding;

/**
 * The lifecycle as the running Statemachine decides it: a started machine reset to the state and money, the event
 * sent, and the transition (if any) observed by a listener. The reference {@link LifecycleEngine}'s table is held to.
 */
final class RunningMachine {

    private final StateMachine<ApplicationState, LifecycleEvent> machine = LoanLifecycle.build();
    private Transition<ApplicationState, LifecycleEvent> taken;

    RunningMachine() {
        machine.addStateListener(new StateMachineListenerAdapter<>() {
            @Override
            public void transitionEnded(Transition<ApplicationState, LifecycleEvent> transition) {
                if (transition.getTrigger() != null) {
                    taken = transition;
                }
            }
        });
        machine.startReactively().block();
    }

    Optional<ApplicationState> apply(ApplicationState current, LifecycleEvent event, Refunding refunding, Money amount) {
        DefaultExtendedState money = new DefaultExtendedState();
        money.getVariables().put(LoanLifecycle.REFUNDING, refunding);
        money.getVariables().put(LoanLifecycle.AMOUNT, amount);
        machine.getStateMachineAccessor().doWithAllRegions(access -> access.resetStateMachineReactively(
                new DefaultStateMachineContext<>(current, null, null, money)).block());
        taken = null;
        machine.sendEvent(Mono.just(MessageBuilder.withPayload(event).build())).blockLast();
        return taken == null ? Optional.empty() : Optional.of(machine.getState().getId());
    }
}
