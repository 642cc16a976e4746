package dev.loanflow.gateway.application;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.loanflow.gateway.bank.BankApi;
import dev.loanflow.gateway.bank.BankUnavailable;
import dev.loanflow.gateway.bank.PaynKolayClient;
import dev.loanflow.gateway.persistence.BankApplicationRecord;
import dev.loanflow.gateway.persistence.BankApplications;
import dev.loanflow.gateway.persistence.Refunds;

/**
 * Compares every application the bank reports for a recent window (its documented report: dates, pages) with ours:
 * a decision we missed is confirmed and published like any other (a correction event), a refunded total that
 * differs from the refunds the bank confirmed to us, and a loan we do not know, are counted and logged for an
 * operator. The last run and its differences are metrics and {@code GET /ops/reconciliation}.
 */
@Component
public class ReconcilingWithTheBanksReport {

    private static final Logger log = LoggerFactory.getLogger(ReconcilingWithTheBanksReport.class);
    private static final String REPORT_BREAKER = "REPORT";
    private static final int PAGE_SIZE = 200;
    private static final int MAX_PAGES = 500;

    /** What the last run found. */
    public record Run(Instant finishedAt, int compared, int decisionsCorrected, int refundDifferences,
                      int unknownLoans, boolean complete) {
    }

    private final PaynKolayClient bank;
    private final BankApplications applications;
    private final Refunds refunds;
    private final ConfirmingLoanStatus confirmation;
    private final Clock clock;
    private final Duration window;
    private final AtomicReference<Run> last = new AtomicReference<>(new Run(Instant.EPOCH, 0, 0, 0, 0, false));

    ReconcilingWithTheBanksReport(PaynKolayClient bank, BankApplications applications, Refunds refunds,
                                  ConfirmingLoanStatus confirmation, Clock clock, MeterRegistry meters,
                                  @Value("${loanflow.reconciliation.report-window:48h}") Duration window) {
        this.bank = bank;
        this.applications = applications;
        this.refunds = refunds;
        this.confirmation = confirmation;
        this.clock = clock;
        this.window = window;
        Gauge.builder("loanflow.reconciliation.last.run", last, run -> run.get().finishedAt().getEpochSecond())
                .description("when the last comparison with the bank's report finished (epoch seconds)").register(meters);
        Gauge.builder("loanflow.reconciliation.differences", last, run -> run.get().refundDifferences())
                .tag("kind", "refunded-total").description("applications whose refunded total differs from the bank's")
                .register(meters);
        Gauge.builder("loanflow.reconciliation.differences", last, run -> run.get().unknownLoans())
                .tag("kind", "unknown-loan").description("loans the bank reports that we do not hold").register(meters);
        Gauge.builder("loanflow.reconciliation.differences", last, run -> run.get().decisionsCorrected())
                .tag("kind", "decision-corrected").description("decisions found in the report and published")
                .register(meters);
    }

    public Run lastRun() {
        return last.get();
    }

    @Scheduled(fixedDelayString = "${loanflow.reconciliation.report-interval:5m}",
            initialDelayString = "${loanflow.reconciliation.report-interval:5m}")
    public Run reconcile() {
        Instant to = clock.instant();
        int compared = 0;
        int corrected = 0;
        int refundDifferences = 0;
        int unknown = 0;
        boolean complete = false;
        try {
            for (int page = 0; page < MAX_PAGES; page++) {
                BankApi.Report report = bank.report(null, REPORT_BREAKER, to.minus(window), to, null, page, PAGE_SIZE)
                        .bodyOrUnavailable("its report");
                for (BankApi.LoanApplication loan : report.loanApplications()) {
                    compared++;
                    Optional<BankApplicationRecord> ours = applications.findByLoanReference(loan.referenceId());
                    if (ours.isEmpty()) {
                        unknown++;
                        log.warn("the bank reports loan {} that the gateway does not hold", loan.referenceId());
                        continue;
                    }
                    if (BankApplicationRecord.STARTED.equals(ours.get().status()) && !"STARTED".equals(loan.status())
                            && confirmation.confirm(ours.get())) {
                        corrected++;
                    }
                    if (refundedDiffers(ours.get(), loan)) {
                        refundDifferences++;
                    }
                }
                if (page + 1 >= report.totalPages()) {
                    complete = true;
                    break;
                }
            }
        } catch (BankUnavailable unavailable) {
            log.info("comparison with the bank's report cut short: {}", unavailable.getMessage());
        }
        Run run = new Run(clock.instant(), compared, corrected, refundDifferences, unknown, complete);
        last.set(run);
        return run;
    }

    /** The bank's refunded total differs from the refunds it confirmed to us, and none of ours is still open. */
    private boolean refundedDiffers(BankApplicationRecord ours, BankApi.LoanApplication loan) {
        BigDecimal theirs = loan.paymentPlan() == null || loan.paymentPlan().totalRefundAmount() == null
                ? BigDecimal.ZERO : loan.paymentPlan().totalRefundAmount();
        if (theirs.compareTo(refunds.doneTotal(ours.applicationId())) == 0 || refunds.unsettled(ours.applicationId())) {
            return false;
        }
        log.warn("application {}: the bank's refunded total differs from the refunds it confirmed to us",
                ours.applicationId());
        return true;
    }
}
