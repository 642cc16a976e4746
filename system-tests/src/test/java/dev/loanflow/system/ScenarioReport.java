package dev.loanflow.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * One line per scenario, in the style of Kafka's own fault tests: the invariant first, then the counts. Printed,
 * and appended to {@code target/fault-report.md}.
 */
final class ScenarioReport {

    private static final Path REPORT = Path.of("target", "fault-report.md");
    private static boolean headerWritten;

    private ScenarioReport() {
    }

    static synchronized void record(String scenario, int submitted, Traffic.Outcome outcome,
                                    Invariants.Violations violations, Duration recovery) {
        if (!headerWritten) {
            write("""
                    # Fault scenarios

                    Invariants after every scenario, what the bank did counted from its own ledger: every application in
                    its expected final state (none lost), at most one loan per (merchant, order) at the bank and each of
                    ours holding its own, refunds executed at the bank as many as ours done and the money equal, the
                    bank's state agreeing with ours, refunds within the loan, each application's lifecycle on Kafka equal
                    to its stored history, no transition applied twice.

                    | scenario | submitted | final states | lost | unsettled | loans per order > 1 | loans of another order | refund calls ≠ | refunded money ≠ | state disagreements | money errors | history mismatches | transitions applied twice | recovery | settled in |
                    |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
                    """, StandardOpenOption.TRUNCATE_EXISTING);
            headerWritten = true;
        }
        String line = String.format("| %s | %d | %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %s | %.1f s |%n",
                scenario, submitted, outcome.byStatus().toString().replaceAll("[{}]", ""), violations.lost(),
                violations.unsettled(), violations.loansPerOrderAboveOne(), violations.loansOfAnotherOrder(),
                violations.refundCallsMismatched(), violations.refundedMoneyMismatched(), violations.stateDisagreements(),
                violations.moneyErrors(), violations.historyMismatches(), violations.duplicatedTransitions(),
                recovery == null ? "-" : String.format("%.1f s", recovery.toMillis() / 1000.0),
                outcome.took().toMillis() / 1000.0);
        System.out.print("[fault-report] " + line);
        write(line, StandardOpenOption.APPEND);
    }

    private static void write(String text, StandardOpenOption mode) {
        try {
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, text, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
