package dev.loanflow.simulator.contract;

import java.util.concurrent.atomic.AtomicInteger;

/** Valid national ids and GSM numbers that pick each sandbox scenario. */
final class SandboxCustomers {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(100_000_000);

    private SandboxCustomers() {
    }

    /** A fresh valid Turkish identity number. */
    static String nationalId() {
        String nine = String.valueOf(SEQUENCE.incrementAndGet());
        int[] d = nine.chars().map(c -> c - '0').toArray();
        int odd = d[0] + d[2] + d[4] + d[6] + d[8];
        int even = d[1] + d[3] + d[5] + d[7];
        int tenth = Math.floorMod(odd * 7 - even, 10);
        int eleventh = (odd + even + tenth) % 10;
        return nine + tenth + eleventh;
    }

    static String gsmApproved() {
        return "5551234567";
    }

    static String gsmEndingIn(String lastTwoDigits) {
        return "55512345" + lastTwoDigits;
    }
}
