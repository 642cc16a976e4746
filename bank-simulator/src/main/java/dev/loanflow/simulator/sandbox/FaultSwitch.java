package dev.loanflow.simulator.sandbox;

/** The faults in force now. */
public final class FaultSwitch {

    private volatile Faults current = Faults.NONE;

    public Faults current() {
        return current;
    }

    public void set(Faults faults) {
        current = faults;
    }

    public void reset() {
        current = Faults.NONE;
    }
}
