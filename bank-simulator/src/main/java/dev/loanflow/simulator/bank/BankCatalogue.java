package dev.loanflow.simulator.bank;

import java.util.List;
import java.util.Optional;

/** The banks the facilitator is contracted with. */
public final class BankCatalogue {

    private final List<Bank> banks;

    public BankCatalogue(List<Bank> banks) {
        this.banks = List.copyOf(banks);
    }

    public List<Bank> all() {
        return banks;
    }

    public Optional<Bank> activeBank(String code) {
        return banks.stream().filter(bank -> bank.code().equals(code) && bank.active()).findFirst();
    }
}
