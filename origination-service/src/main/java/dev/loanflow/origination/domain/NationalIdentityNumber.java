package dev.loanflow.origination.domain;

/** The Turkish identity number: 11 digits, no leading zero, two check digits. */
public final class NationalIdentityNumber {

    private NationalIdentityNumber() {
    }

    public static boolean isValid(String value) {
        if (value == null || !value.matches("[1-9]\\d{10}")) {
            return false;
        }
        int[] d = value.chars().map(c -> c - '0').toArray();
        int odd = d[0] + d[2] + d[4] + d[6] + d[8];
        int even = d[1] + d[3] + d[5] + d[7];
        return d[9] == Math.floorMod(odd * 7 - even, 10) && d[10] == (odd + even + d[9]) % 10;
    }
}
