package dev.loanflow.origination.lifecycle;

import java.math.BigDecimal;
import java.util.Optional;

import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.support.DefaultExtendedState;
import org.springframework.statemachine.support.DefaultStateMachineContext;
import org.springframework.statemachine.listener.StateMachineListenerAdapter;
import org.springframework.statemachine.transition.Transition;

import reactor.core.publisher.Mono;

import dev.loanflow.events.ApplicationStatus;

/**
 * Applies one event to an application whose state lives in the database: a machine kept running per thread is
 * reset to the stored state and money, the event is sent, and the transition (if any) is observed by a listener, because an
 * accepted event does not mean a transition happened.
 */
public final class LifecycleEngine {

    private final ThreadLocal<PooledMachine> machines = ThreadLocal.withInitial(PooledMachine::new);

    /**
     * @param loanAmount    the application's loan amount
     * @param refundedTotal what has been refunded so far
     * @param amount        the refund amount the event is about (a requested or an executed refund), else zero
     * @return the state after the transition, or empty when the event is not legal in {@code current}
     */
    public Optional<ApplicationStatus> apply(ApplicationStatus current, LifecycleEvent event, BigDecimal loanAmount,
                                             BigDecimal refundedTotal, BigDecimal amount) {
        return machines.get().apply(current, event, loanAmount, refundedTotal, amount);
    }

    private static final class PooledMachine {

        private final StateMachine<ApplicationStatus, LifecycleEvent> machine = LoanLifecycle.build();
        private Transition<ApplicationStatus, LifecycleEvent> taken;

        PooledMachine() {
            machine.addStateListener(new StateMachineListenerAdapter<>() {
                @Override
                public void transitionEnded(Transition<ApplicationStatus, LifecycleEvent> transition) {
                    if (transition.getTrigger() != null) {
                        taken = transition;
                    }
                }
            });
            machine.startReactively().block();
        }

        Optional<ApplicationStatus> apply(ApplicationStatus current, LifecycleEvent event, BigDecimal loanAmount,
                                          BigDecimal refundedTotal, BigDecimal amount) {
            DefaultExtendedState money = new DefaultExtendedState();
            money.getVariables().put(LoanLifecycle.LOAN_AMOUNT, loanAmount);
            money.getVariables().put(LoanLifecycle.REFUNDED_TOTAL, refundedTotal);
            money.getVariables().put(LoanLifecycle.AMOUNT, amount);
            machine.getStateMachineAccessor().doWithAllRegions(access -> access.resetStateMachineReactively(
                    new DefaultStateMachineContext<>(current, null, null, money)).block());
            taken = null;
            machine.sendEvent(Mono.just(MessageBuilder.withPayload(event).build())).blockLast();
            return taken == null ? Optional.empty() : Optional.of(machine.getState().getId());
        }
    }
}
