package dev.loanflow.gateway.application;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

import dev.loanflow.gateway.bank.BankApi;
import dev.loanflow.gateway.bank.PaynKolayClient;

/** The bank's documented report of our applications over a time window, read page by page. */
@Component
class BankReport {

    private static final int PAGE_SIZE = 200;
    private static final int MAX_PAGES = 500;

    private final PaynKolayClient bank;

    BankReport(PaynKolayClient bank) {
        this.bank = bank;
    }

    /**
     * Hands each page to {@code more} until it answers false or the report ends; a refused page is the bank being
     * unavailable. {@code applicationId} and {@code bankCode} only label the calls (audit, circuit breaker).
     *
     * @return true when every page was read
     */
    boolean readPages(String applicationId, String bankCode, Instant from, Instant to,
                      Predicate<List<BankApi.LoanApplication>> more) {
        for (int page = 0; page < MAX_PAGES; page++) {
            BankApi.Report report = bank.report(applicationId, bankCode, from, to, null, page, PAGE_SIZE)
                    .bodyOrUnavailable("its report");
            if (!more.test(report.loanApplications())) {
                return false;
            }
            if (page + 1 >= report.totalPages()) {
                return true;
            }
        }
        return false;
    }
}
