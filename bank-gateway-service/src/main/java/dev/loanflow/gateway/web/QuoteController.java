package dev.loanflow.gateway.web;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import dev.loanflow.gateway.application.Quoting;

/** Installment options for a cart across the banks, for checkout front ends. */
@RestController
@Validated
class QuoteController {

    private final Quoting quotes;

    QuoteController(Quoting quotes) {
        this.quotes = quotes;
    }

    record QuoteRequest(@NotNull @DecimalMin("1.00") @Digits(integer = 16, fraction = 2) BigDecimal amount,
                        @Min(1) @Max(36) Integer maxTerm) {
    }

    @GetMapping("/banks")
    List<Quoting.BankSummary> banks() {
        return quotes.banks();
    }

    @PostMapping("/quotes")
    List<Quoting.BankQuote> quote(@Valid @RequestBody QuoteRequest request) {
        return quotes.quote(request.amount(), request.maxTerm() == null ? 12 : request.maxTerm());
    }
}
