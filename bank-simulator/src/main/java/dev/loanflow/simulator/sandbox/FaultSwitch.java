package dev.loanflow.simulator.sandbox;

import java.util.concurrent.atomic.AtomicInteger;

/** The faults in force now. */
public final class FaultSwitch {

    private volatile Faults current = Faults.NONE;
    private final AtomicInteger ambiguousLeft = new AtomicInteger();

    public Faults current() {
        return current;
    }

    public void set(Faults faults) {
        current = faults;
        ambiguousLeft.set(faults.ambiguousNext());
    }

    public void reset() {
        set(Faults.NONE);
    }

    /** Whether this call that changes the bank gets an ambiguous answer: one of the next scripted, or by the rate. */
    public boolean ambiguousThisTime() {
        return ambiguousLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0 || Faults.happens(current.ambiguousRate());
    }
}
