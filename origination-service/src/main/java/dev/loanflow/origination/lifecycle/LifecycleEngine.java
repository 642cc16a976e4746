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
 * Applies one event to an application whose state lives in the database: a machine kept running per thread is
 * reset to the stored state and money, the event is sent, and the transition (if any) is observed by a listener, because an
 * accepted event does not mean a transition happened.
 */
public final class LifecycleEngine {

    private final ThreadLocal<PooledMachine> machines = ThreadLocal.withInitial(PooledMachine::new);

    /** Where every application starts. */
    public ApplicationState initial() {
        return machines.get().machine.getInitialState().getId();
    }

    /**
     * @param refunding the application's loan amount and what has been refunded so far
     * @param amount    the refund amount the event is about (a requested or an executed refund), else zero
     * @return the state after the transition, or empty when the event is not legal in {@code current}
     */
    public Optional<ApplicationState> apply(ApplicationState current, LifecycleEvent event, Refunding refunding,
                                            Money amount) {
        return machines.get().apply(current, event, refunding, amount);
    }

    private static final class PooledMachine {

        private final StateMachine<ApplicationState, LifecycleEvent> machine = LoanLifecycle.build();
        private Transition<ApplicationState, LifecycleEvent> taken;

        PooledMachine() {
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
}
