package dev.loanflow.gateway.application;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Component;

import dev.loanflow.events.Offer;
import dev.loanflow.gateway.bank.BankApi;
import dev.loanflow.gateway.bank.BankReply;
import dev.loanflow.gateway.bank.PaynKolayClient;

/** The bank's own simulation for every active bank, cached briefly (see spring.cache in application.yml). */
@Component
public class Quoting {

    private final PaynKolayClient bank;

    Quoting(PaynKolayClient bank) {
        this.bank = bank;
    }

    public record BankSummary(String code, String name, boolean active) {
    }

    public record Option(int term, BigDecimal installmentAmount, BigDecimal interestRate, BigDecimal totalPaymentAmount,
                         BigDecimal annualEffectiveInterestRate, BigDecimal monthlyEffectiveInterestRate) {
    }

    public record BankQuote(String bankCode, String bankName, List<Option> options, String unavailableReason) {
    }

    @Cacheable("banks")
    public List<BankSummary> banks() {
        return bank.banks().fold(
                banks -> banks.banks().stream().map(b -> new BankSummary(b.code(), b.name(), b.active())).toList(),
                refused -> List.of());
    }

    @Cacheable("quotes")
    public List<BankQuote> quote(BigDecimal amount, int maxTerm) {
        BankApi.Cart cart = new BankApi.Cart(new BankApi.Price(amount, BigDecimal.ZERO.setScale(2), amount),
                List.of(new BankApi.Item("Cart", "QUOTE", 1, amount, amount, amount, null, null, null, null, null)));
        return banks().stream().filter(BankSummary::active).map(summary -> quote(summary, cart, maxTerm)).toList();
    }

    private BankQuote quote(BankSummary summary, BankApi.Cart cart, int maxTerm) {
        BankReply<BankApi.Session> session = bank.startSession(null, summary.code());
        if (session instanceof BankReply.Refused<BankApi.Session> refused) {
            return new BankQuote(summary.code(), summary.name(), List.of(), refused.message());
        }
        String sessionId = ((BankReply.Answered<BankApi.Session>) session).body().referenceId();
        return bank.simulate(null, summary.code(), sessionId, new BankApi.SimulationRequest(maxTerm, cart)).fold(
                simulation -> new BankQuote(summary.code(), summary.name(),
                        BankTranslation.offers(simulation.monthlyPayments(), simulation.monthlyPayments()).stream()
                                .map(Quoting::option).toList(), null),
                refused -> new BankQuote(summary.code(), summary.name(), List.of(), refused.message()));
    }

    private static Option option(Offer offer) {
        return new Option(offer.getTerm(), offer.getInstallmentAmount(), offer.getInterestRate(),
                offer.getTotalPaymentAmount(), offer.getAnnualEffectiveInterestRate(), offer.getMonthlyEffectiveInterestRate());
    }
}
