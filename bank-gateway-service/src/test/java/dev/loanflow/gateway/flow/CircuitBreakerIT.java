package dev.loanflow.gateway.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import dev.loanflow.gateway.bank.BankUnavailable;
import dev.loanflow.gateway.bank.PaynKolayClient;

class CircuitBreakerIT extends GatewayFlowTest {

    @Autowired
    PaynKolayClient bank;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @Test
    void failingBankOpensItsOwnBreakerWhichClosesAgainWhenTheBankRecovers() {
        CircuitBreaker qnb = circuitBreakers.circuitBreaker("bank-QNB");
        faults("{\"errorRate\":1.0}");

        for (int call = 0; call < 20 && qnb.getState() != CircuitBreaker.State.OPEN; call++) {
            assertThatThrownBy(() -> bank.startSession(null, "QNB")).isInstanceOf(BankUnavailable.class);
        }

        assertThat(qnb.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> bank.startSession(null, "QNB")).hasRootCauseInstanceOf(CallNotPermittedException.class);
        assertThat(circuitBreakers.circuitBreaker("bank-AKTIFBANK").getState()).isNotEqualTo(CircuitBreaker.State.OPEN);

        simulator("DELETE", "/sandbox/faults", null);
        awaitHalfOpen(qnb);
        for (int call = 0; call < 3; call++) {
            bank.startSession(null, "QNB");
        }

        assertThat(qnb.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    /** The breaker half-opens by itself after its wait (2 s in tests); a loaded machine may take a little longer. */
    private static void awaitHalfOpen(CircuitBreaker breaker) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (breaker.getState() == CircuitBreaker.State.OPEN && System.currentTimeMillis() < deadline) {
            OutcomeLog.pause(100);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    }
}
