package dev.loanflow.simulator.bank;

import java.math.BigDecimal;
import java.util.List;

/** A contracted bank: its monthly contract rate (percent) and the terms it offers. */
public record Bank(String code, String type, String name, String description, String countryId, boolean active,
                   BigDecimal monthlyRatePercent, List<Integer> terms) {

    public List<Integer> termsUpTo(int maxTerm) {
        return terms.stream().filter(term -> term <= maxTerm).toList();
    }

    public int longestTerm() {
        return terms.stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
