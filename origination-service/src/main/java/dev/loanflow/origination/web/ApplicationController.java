package dev.loanflow.origination.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import dev.loanflow.events.ApplicationStatus;
import dev.loanflow.events.SellerRefund;
import dev.loanflow.origination.application.MerchantRequests;
import dev.loanflow.origination.application.SubmitApplication;
import dev.loanflow.origination.persistence.ApplicationRow;
import dev.loanflow.origination.persistence.Applications;
import dev.loanflow.origination.persistence.Refunds;
import dev.loanflow.origination.web.ApplicationModels.*;
import dev.loanflow.security.CurrentMerchant;

/** Loan applications for merchants; every merchant sees and acts on its own applications only. */
@RestController
@RequestMapping("/applications")
class ApplicationController {

    private final SubmitApplication submissions;
    private final MerchantRequests requests;
    private final Applications applications;
    private final Refunds refunds;

    ApplicationController(SubmitApplication submissions, MerchantRequests requests, Applications applications,
                          Refunds refunds) {
        this.submissions = submissions;
        this.requests = requests;
        this.applications = applications;
        this.refunds = refunds;
    }

    @Operation(summary = "Submit a shopping-loan application",
            description = "201 with the new application; 200 with the existing one for a repeated order id or Idempotency-Key; "
                    + "409 when that order or key was used with a different body; 400 naming each invalid field.")
    @PostMapping
    ResponseEntity<?> submit(@CurrentMerchant String merchantId,
                             @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
                             @Valid @RequestBody SubmitRequest request) {
        SubmitApplication.Result result = submissions.submit(Translation.toEvent(merchantId, request), idempotencyKey);
        if (result instanceof SubmitApplication.Rejected rejected) {
            return Problems.invalid(rejected.violations());
        }
        if (result instanceof SubmitApplication.Conflict) {
            return Problems.of(HttpStatus.CONFLICT, "Conflicting submission",
                    "this order id or idempotency key was already used with a different application");
        }
        SubmitApplication.Accepted accepted = (SubmitApplication.Accepted) result;
        ApplicationView view = view(accepted.application());
        return accepted.created()
                ? ResponseEntity.created(URI.create("/applications/" + view.applicationId())).body(view)
                : ResponseEntity.ok(view);
    }

    @Operation(summary = "One application with its status, offers, payment plan, refunds and history")
    @GetMapping("/{applicationId}")
    ResponseEntity<?> get(@CurrentMerchant String merchantId, @PathVariable String applicationId) {
        return applications.findForMerchant(merchantId, applicationId)
                .<ResponseEntity<?>>map(row -> ResponseEntity.ok(view(row)))
                .orElseGet(() -> Problems.notFound(applicationId));
    }

    @Operation(summary = "Cancel an application that has not reached the bank yet")
    @PostMapping("/{applicationId}/cancel")
    ResponseEntity<?> cancel(@CurrentMerchant String merchantId, @PathVariable String applicationId) {
        MerchantRequests.Answer answer = requests.cancel(merchantId, applicationId);
        return answer instanceof MerchantRequests.Done
                ? ResponseEntity.ok(view(applications.find(applicationId).orElseThrow()))
                : refused(answer, applicationId);
    }

    @Operation(summary = "Refund part or all of an approved loan", description = "202: the refund is on its way to the bank.")
    @PostMapping("/{applicationId}/refunds")
    ResponseEntity<?> refund(@CurrentMerchant String merchantId, @PathVariable String applicationId,
                             @Valid @RequestBody RefundRequest request) {
        if (request.amount().signum() <= 0) {
            return Problems.invalid(List.of(new dev.loanflow.origination.domain.Violation("amount", "must be positive")));
        }
        List<SellerRefund> sellers = request.sellers() == null ? List.of() : request.sellers().stream()
                .map(seller -> new SellerRefund(Translation.money(seller.trxAmount()),
                        Translation.money(seller.refundedCommissionAmount()), seller.sellerExternalId(),
                        Translation.money(seller.withholdingTax())))
                .toList();
        MerchantRequests.Answer answer = requests.refund(merchantId, applicationId, Translation.money(request.amount()), sellers);
        return answer instanceof MerchantRequests.Done done
                ? ResponseEntity.accepted().body(new RefundAccepted(done.reference(), "REQUESTED"))
                : refused(answer, applicationId);
    }

    @Operation(summary = "List the merchant's applications by creation date, newest first")
    @GetMapping
    ApplicationPage report(@CurrentMerchant String merchantId,
                           @Parameter(example = "2026-01-01T00:00:00Z") @RequestParam Instant from,
                           @Parameter(example = "2026-12-31T23:59:59Z") @RequestParam Instant to,
                           @RequestParam(required = false) List<ApplicationStatus> status,
                           @RequestParam(defaultValue = "0") @Min(0) int page,
                           @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        Applications.Page found = applications.report(merchantId, from, to,
                status == null ? List.of() : status.stream().map(Enum::name).toList(), page, size);
        return new ApplicationPage(page, size, found.total(), (found.total() + size - 1) / size, found.rows().stream()
                .map(row -> new ApplicationSummary(row.applicationId(), row.orderId(), row.status().name(),
                        row.bankCode(), row.loanAmount(), row.refundedTotal(), row.createdAt()))
                .toList());
    }

    private ResponseEntity<ProblemDetail> refused(MerchantRequests.Answer answer, String applicationId) {
        return answer instanceof MerchantRequests.NotAllowed notAllowed
                ? Problems.of(HttpStatus.CONFLICT, "Not allowed in the application's state", notAllowed.reason())
                : Problems.notFound(applicationId);
    }

    private ApplicationView view(ApplicationRow row) {
        return Translation.view(row, refunds.of(row.applicationId()), applications.history(row.applicationId()));
    }
}
