package dev.loanflow.gateway.application;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    /** What the last run found. */
    public record Run(Instant finishedAt, int compared, int decisionsCorrected, int refundDifferences,
                      int unknownLoans, boolean complete) {
    }

    private final BankReport report;
    private final BankApplications applications;
    private final Refunds refunds;
    private final ConfirmingLoanStatus confirmation;
    private final Clock clock;
    private final Duration window;
    private final AtomicReference<Run> last = new AtomicReference<>(new Run(Instant.EPOCH, 0, 0, 0, 0, false));

    ReconcilingWithTheBanksReport(BankReport report, BankApplications applications, Refunds refunds,
                                  ConfirmingLoanStatus confirmation, Clock clock, MeterRegistry meters,
                                  @Value("${loanflow.reconciliation.report-window:48h}") Duration window) {
        this.report = report;
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
        Tally tally = new Tally();
        boolean complete = false;
        try {
            complete = report.readPages(null, REPORT_BREAKER, to.minus(window), to, page -> {
                compare(page, tally);
                return true;
            });
        } catch (BankUnavailable unavailable) {
            log.info("comparison with the bank's report cut short: {}", unavailable.getMessage());
        }
        Run run = new Run(clock.instant(), tally.compared, tally.corrected, tally.refundDifferences, tally.unknown, complete);
        last.set(run);
        return run;
    }

    /** One page of the report against our records, read in two queries for the whole page. */
    private void compare(List<BankApi.LoanApplication> page, Tally tally) {
        Map<String, BankApplicationRecord> ours = applications.findByLoanReferences(
                page.stream().map(BankApi.LoanApplication::referenceId).toList());
        Map<String, Refunds.Position> refunded = refunds.positions(
                ours.values().stream().map(BankApplicationRecord::applicationId).toList());
        for (BankApi.LoanApplication loan : page) {
            tally.compared++;
            BankApplicationRecord application = ours.get(loan.referenceId());
            if (application == null) {
                tally.unknown++;
                log.warn("the bank reports loan {} that the gateway does not hold", loan.referenceId());
                continue;
            }
            if (BankApplicationRecord.STARTED.equals(application.status()) && !"STARTED".equals(loan.status())
                    && confirmation.confirm(application, loan)) {
                tally.corrected++;
            }
            if (refundedDiffers(application, loan, refunded.get(application.applicationId()))) {
                tally.refundDifferences++;
            }
        }
    }

    /** The bank's refunded total differs from the refunds it confirmed to us, and none of ours is still open. */
    private static boolean refundedDiffers(BankApplicationRecord ours, BankApi.LoanApplication loan,
                                           Refunds.Position position) {
        BigDecimal theirs = loan.paymentPlan() == null || loan.paymentPlan().totalRefundAmount() == null
                ? BigDecimal.ZERO : loan.paymentPlan().totalRefundAmount();
        BigDecimal confirmed = position == null ? BigDecimal.ZERO : position.done();
        if (theirs.compareTo(confirmed) == 0 || position != null && position.open()) {
            return false;
        }
        log.warn("application {}: the bank's refunded total differs from the refunds it confirmed to us",
                ours.applicationId());
        return true;
    }

    private static final class Tally {
        private int compared;
        private int corrected;
        private int refundDifferences;
        private int unknown;
    }
}
