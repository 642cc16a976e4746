package dev.loanflow.infra.testdata;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/** Values tests and demos need: valid Turkish identity numbers, fresh AES-256 keys. */
public final class TestData {

    private static final AtomicInteger NATIONAL_IDS = new AtomicInteger(100_000_000 + new SecureRandom().nextInt(800_000_000));
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestData() {
    }

    /** A valid, so far unused 11-digit identity number (check digits computed, no leading zero). */
    public static String nationalId() {
        int next = NATIONAL_IDS.incrementAndGet();
        if (next > 999_999_999) {
            NATIONAL_IDS.set(100_000_000);
            next = NATIONAL_IDS.incrementAndGet();
        }
        String nine = String.valueOf(next);
        int[] d = nine.chars().map(c -> c - '0').toArray();
        int odd = d[0] + d[2] + d[4] + d[6] + d[8];
        int even = d[1] + d[3] + d[5] + d[7];
        int tenth = Math.floorMod(odd * 7 - even, 10);
        return nine + tenth + (odd + even + tenth) % 10;
    }

    /** Base64 of 32 random bytes. */
    public static String randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
