package dev.loanflow.simulator.sandbox;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.loanflow.simulator.SimulatorProperties;
import dev.loanflow.simulator.application.ApplicationStore;
import dev.loanflow.simulator.application.BankLedger;
import dev.loanflow.simulator.application.CustomerJourney;
import dev.loanflow.simulator.application.CustomerScenario;
import dev.loanflow.simulator.application.LoanStatus;
import dev.loanflow.simulator.auth.TokenService;
import dev.loanflow.simulator.callback.CallbackNotifier;
import dev.loanflow.simulator.web.AmbiguousAnswers;

/** Scripts the sandbox at run time: customer outcomes, faults, token expiry, and what the bank holds. */
@RestController
@RequestMapping("/sandbox")
class SandboxController {

    private final CustomerScenario.Overrides scenarios;
    private final FaultSwitch faults;
    private final TokenService tokens;
    private final CustomerJourney journey;
    private final ApplicationStore store;
    private final CallbackNotifier callbacks;
    private final BankLedger ledger;
    private final AmbiguousAnswers ambiguousAnswers;
    private final long sandboxMerchantNo;

    SandboxController(CustomerScenario.Overrides scenarios, FaultSwitch faults, TokenService tokens,
                      CustomerJourney journey, ApplicationStore store, CallbackNotifier callbacks,
                      BankLedger ledger, AmbiguousAnswers ambiguousAnswers, SimulatorProperties properties) {
        this.ledger = ledger;
        this.ambiguousAnswers = ambiguousAnswers;
        this.sandboxMerchantNo = properties.merchant().merchantNo();
        this.scenarios = scenarios;
        this.faults = faults;
        this.tokens = tokens;
        this.journey = journey;
        this.store = store;
        this.callbacks = callbacks;
    }

    record ScenarioRequest(CustomerScenario scenario) {
    }

    record DecisionRequest(LoanStatus status) {
    }

    record Settings(long tokenTtlSeconds, long customerDecisionDelayMillis) {
    }

    record HeldApplication(String referenceId, long merchantNo, String orderId, LoanStatus status, BigDecimal lendingAmount,
                           BigDecimal refundedTotal) {
    }

    @PutMapping("/customers/{nationalIdentityNumber}/scenario")
    ResponseEntity<Void> script(@PathVariable String nationalIdentityNumber, @RequestBody ScenarioRequest request) {
        scenarios.set(nationalIdentityNumber, request.scenario());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/customers/{nationalIdentityNumber}/scenario")
    ResponseEntity<Void> unscript(@PathVariable String nationalIdentityNumber) {
        scenarios.clear(nationalIdentityNumber);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/faults")
    Faults faults() {
        return faults.current();
    }

    @PutMapping("/faults")
    Faults inject(@RequestBody Faults requested) {
        faults.set(requested);
        return faults.current();
    }

    @DeleteMapping("/faults")
    ResponseEntity<Void> heal() {
        faults.reset();
        return ResponseEntity.noContent().build();
    }

    /** Calls concerning this bank answer 503 and change nothing, until it is brought back (or the faults cleared). */
    @PutMapping("/banks/{bankCode}/outage")
    ResponseEntity<Void> takeDown(@PathVariable String bankCode) {
        faults.takeDown(bankCode);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/banks/{bankCode}/outage")
    ResponseEntity<Void> bringBack(@PathVariable String bankCode) {
        faults.bringBack(bankCode);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/banks/outages")
    Set<String> banksDown() {
        return faults.banksDown();
    }

    @PostMapping("/tokens/expire")
    ResponseEntity<Void> expireTokens() {
        tokens.expireAll();
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/settings")
    Settings settings() {
        return new Settings(tokens.timeToLive().toSeconds(), journey.decisionDelay().toMillis());
    }

    @PutMapping("/settings")
    Settings change(@RequestBody Settings settings) {
        tokens.setTimeToLive(Duration.ofSeconds(settings.tokenTtlSeconds()));
        journey.setDecisionDelay(Duration.ofMillis(settings.customerDecisionDelayMillis()));
        return settings();
    }

    @PostMapping("/applications/{referenceId}/decision")
    ResponseEntity<Void> decide(@PathVariable String referenceId, @RequestBody DecisionRequest request) {
        return store.find(referenceId)
                .map(application -> journey.decide(application, request.status())
                        ? ResponseEntity.noContent().<Void>build()
                        : ResponseEntity.status(HttpStatus.CONFLICT).<Void>build())
                .orElse(ResponseEntity.notFound().build());
    }

    @GetMapping("/applications")
    List<HeldApplication> applications(@RequestParam String orderId) {
        return store.findByOrder(sandboxMerchantNo, orderId).stream()
                .map(application -> new HeldApplication(application.referenceId(), application.merchantNo(),
                        application.orderId(), application.status(), application.lendingAmount(),
                        application.refundedTotal()))
                .toList();
    }

    @GetMapping("/stats")
    Map<String, Object> stats() {
        Map<LoanStatus, Long> byStatus = new EnumMap<>(LoanStatus.class);
        store.all().forEach(application -> byStatus.merge(application.status(), 1L, Long::sum));
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("applications", store.size());
        stats.put("byStatus", byStatus);
        stats.put("callbacks", callbacks.counts());
        stats.put("ambiguousAnswers", ambiguousAnswers.counts());
        return stats;
    }

    /** The bank's ledger: every operation it performed or refused, optionally of one kind or for one order. */
    @GetMapping("/ledger")
    List<BankLedger.Entry> ledger(@RequestParam(required = false) BankLedger.Operation operation,
                                  @RequestParam(required = false) String orderId) {
        return ledger.entries().stream()
                .filter(entry -> operation == null || entry.operation() == operation)
                .filter(entry -> orderId == null || orderId.equals(entry.orderId()))
                .toList();
    }
}
