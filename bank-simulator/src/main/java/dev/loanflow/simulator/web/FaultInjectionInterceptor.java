package dev.loanflow.simulator.web;

import org.springframework.web.servlet.HandlerInterceptor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.loanflow.simulator.sandbox.FaultSwitch;
import dev.loanflow.simulator.sandbox.Faults;

/** Delays, fails or hangs bank API calls as the sandbox's fault settings say. */
class FaultInjectionInterceptor implements HandlerInterceptor {

    private final FaultSwitch faults;

    FaultInjectionInterceptor(FaultSwitch faults) {
        this.faults = faults;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Faults current = faults.current();
        pause(current.delayMillis());
        if (Faults.happens(current.timeoutRate())) {
            pause(current.timeoutMillis());
            throw new InjectedFault(true);
        }
        if (Faults.happens(current.errorRate())) {
            throw new InjectedFault(false);
        }
        return true;
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A failure the sandbox was told to produce. */
    static final class InjectedFault extends RuntimeException {

        private final boolean timeout;

        InjectedFault(boolean timeout) {
            super(timeout ? "Injected timeout" : "Injected server error");
            this.timeout = timeout;
        }

        boolean timeout() {
            return timeout;
        }
    }
}
