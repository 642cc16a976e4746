package dev.loanflow.gateway.web;

import java.security.Principal;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.loanflow.gateway.application.SettlingUncertainRefunds;
import dev.loanflow.gateway.persistence.Refunds;

/** Refunds the bank could not account for, and the operator's decision on each (admin scope). */
@RestController
@RequestMapping("/ops/refunds")
class UncertainRefundsController {

    private final SettlingUncertainRefunds settling;

    UncertainRefundsController(SettlingUncertainRefunds settling) {
        this.settling = settling;
    }

    record Decision(boolean executed) {
    }

    @GetMapping("/uncertain")
    List<Refunds.RefundRecord> uncertain() {
        return settling.uncertain();
    }

    @PostMapping("/{refundId}/settlement")
    ResponseEntity<?> settle(@PathVariable String refundId, @RequestBody Decision decision, Principal operator) {
        if (settling.settle(refundId, decision.executed(), operator == null ? "unknown" : operator.getName())) {
            return ResponseEntity.noContent().build();
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "refund " + refundId + " is not uncertain: unknown, settled, or still being settled with the bank");
        problem.setTitle("Not an uncertain refund");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
}
