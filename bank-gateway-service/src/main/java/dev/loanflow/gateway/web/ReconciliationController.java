package dev.loanflow.gateway.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.loanflow.gateway.application.ReconcilingWithTheBanksReport;

/** The last comparison with the bank's report, and one on demand (admin scope). */
@RestController
class ReconciliationController {

    private final ReconcilingWithTheBanksReport reconciling;

    ReconciliationController(ReconcilingWithTheBanksReport reconciling) {
        this.reconciling = reconciling;
    }

    @GetMapping("/ops/reconciliation")
    ReconcilingWithTheBanksReport.Run last() {
        return reconciling.lastRun();
    }

    @PostMapping("/ops/reconciliation")
    ReconcilingWithTheBanksReport.Run now() {
        return reconciling.reconcile();
    }
}
