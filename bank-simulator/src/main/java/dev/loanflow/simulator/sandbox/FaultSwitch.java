package dev.loanflow.simulator.sandbox;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The faults in force now. */
public final class FaultSwitch {

    private volatile Faults current = Faults.NONE;
    private final AtomicInteger ambiguousLeft = new AtomicInteger();
    private final Set<String> banksDown = ConcurrentHashMap.newKeySet();

    public Faults current() {
        return current;
    }

    public void set(Faults faults) {
        current = faults;
        ambiguousLeft.set(faults.ambiguousNext());
    }

    public void reset() {
        set(Faults.NONE);
        banksDown.clear();
    }

    /** One bank behind the facilitator stops answering (the facilitator and the other banks go on). */
    public void takeDown(String bankCode) {
        banksDown.add(bankCode);
    }

    public void bringBack(String bankCode) {
        banksDown.remove(bankCode);
    }

    public boolean bankDown(String bankCode) {
        return banksDown.contains(bankCode);
    }

    public Set<String> banksDown() {
        return Set.copyOf(banksDown);
    }

    /** Whether this call that changes the bank gets an ambiguous answer: one of the next scripted, or by the rate. */
    public boolean ambiguousThisTime() {
        return ambiguousLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0 || Faults.happens(current.ambiguousRate());
    }
}
