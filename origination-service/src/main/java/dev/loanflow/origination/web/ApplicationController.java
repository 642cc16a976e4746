package dev.loanflow.origination.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
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
import dev.loanflow.events.ApplicationSubmitted;
import dev.loanflow.events.SellerRefund;
import dev.loanflow.origination.application.CancellingApplication;
import dev.loanflow.origination.application.MerchantAnswer;
import dev.loanflow.origination.application.RequestingRefund;
import dev.loanflow.origination.application.StoredApplication;
import dev.loanflow.origination.application.SubmittingApplication;
import dev.loanflow.origination.domain.Violation;
import dev.loanflow.origination.persistence.ApplicationQueries;
import dev.loanflow.origination.persistence.ApplicationRepository;
import dev.loanflow.origination.persistence.Refunds;
import dev.loanflow.origination.web.ApplicationModels.*;
import dev.loanflow.security.CurrentMerchant;

/** Loan applications for merchants; every merchant sees and acts on its own applications only. */
@RestController
@RequestMapping("/applications")
class ApplicationController {

    private static final int MAX_IDEMPOTENCY_KEY = 128;

    private final SubmittingApplication submitting;
    private final SeededDefects defects;
    private final CancellingApplication cancelling;
    private final RequestingRefund refunding;
    private final ApplicationRepository applications;
    private final ApplicationQueries queries;
    private final Refunds refunds;

    ApplicationController(SeededDefects defects, SubmittingApplication submitting, CancellingApplication cancelling, RequestingRefund refunding,
                          ApplicationRepository applications, ApplicationQueries queries, Refunds refunds) {
        this.submitting = submitting;
        this.defects = defects;
        this.cancelling = cancelling;
        this.refunding = refunding;
        this.applications = applications;
        this.queries = queries;
        this.refunds = refunds;
    }

    @Operation(summary = "Submit a shopping-loan application",
            description = "201 with the new application; 200 with the existing one for a repeated order id or Idempotency-Key; "
                    + "409 when that order or key was used with a different body; 400 naming each invalid field.")
    @PostMapping
    ResponseEntity<?> submit(@CurrentMerchant String merchantId,
                             @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
                             @Valid @RequestBody SubmitRequest request) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            return Problems.invalid(List.of(new Violation("Idempotency-Key",
                    "must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters")));
        }
        ApplicationSubmitted submission = ApiTranslation.toEvent(merchantId, request);
        SubmittingApplication.Result result;
        try {
            result = submitting.submit(submission, idempotencyKey);
        } catch (DataAccessException | TransactionException failed) {
            if (!defects.storeFailuresAnsweredCreated()) {
                throw failed;
            }
            String applicationId = submission.getMetadata().getApplicationId();
            return ResponseEntity.created(URI.create("/applications/" + applicationId))
                    .body(Map.of("applicationId", applicationId, "status", "NEW"));
        }
        if (result instanceof SubmittingApplication.Rejected rejected) {
            return Problems.invalid(rejected.violations());
        }
        if (result instanceof SubmittingApplication.Conflict) {
            return Problems.of(HttpStatus.CONFLICT, "Conflicting submission",
                    "this order id or idempotency key was already used with a different application");
        }
        SubmittingApplication.Accepted accepted = (SubmittingApplication.Accepted) result;
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

    @Operation(summary = "The merchant's application for one of its order ids",
            description = "200 with the application; 404 when this merchant has none for that order id.")
    @GetMapping(params = "orderId")
    ResponseEntity<?> byOrder(@CurrentMerchant String merchantId, @RequestParam String orderId) {
        return applications.findByOrder(merchantId, orderId)
                .<ResponseEntity<?>>map(row -> ResponseEntity.ok(view(row)))
                .orElseGet(() -> Problems.notFound("order " + orderId));
    }

    @Operation(summary = "Cancel an application that has not reached the bank yet")
    @PostMapping("/{applicationId}/cancel")
    ResponseEntity<?> cancel(@CurrentMerchant String merchantId, @PathVariable String applicationId) {
        MerchantAnswer answer = cancelling.cancel(merchantId, applicationId);
        return answer instanceof MerchantAnswer.Done
                ? ResponseEntity.ok(view(applications.find(applicationId).orElseThrow()))
                : refused(answer, applicationId);
    }

    @Operation(summary = "Refund part or all of an approved loan", description = "202: the refund is on its way to the bank.")
    @PostMapping("/{applicationId}/refunds")
    ResponseEntity<?> refund(@CurrentMerchant String merchantId, @PathVariable String applicationId,
                             @Valid @RequestBody RefundRequest request) {
        if (request.amount().signum() <= 0) {
            return Problems.invalid(List.of(new Violation("amount", "must be positive")));
        }
        List<SellerRefund> sellers = request.sellers() == null ? List.of() : request.sellers().stream()
                .map(seller -> new SellerRefund(ApiTranslation.money(seller.trxAmount()),
                        ApiTranslation.money(seller.refundedCommissionAmount()), seller.sellerExternalId(),
                        ApiTranslation.money(seller.withholdingTax())))
                .toList();
        MerchantAnswer answer = refunding.refund(merchantId, applicationId, ApiTranslation.money(request.amount()), sellers);
        return answer instanceof MerchantAnswer.Done done
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
        ApplicationQueries.Page found = queries.report(merchantId, from, to,
                status == null ? List.of() : status.stream().map(Enum::name).toList(), page, size);
        return new ApplicationPage(page, size, found.total(), (found.total() + size - 1) / size, found.rows().stream()
                .map(StoredApplication::application)
                .map(application -> new ApplicationSummary(application.applicationId(), application.orderId(),
                        application.state().name(), application.bankCode(), application.loanAmount().amount(),
                        application.refunded().amount(), application.createdAt()))
                .toList());
    }

    private ResponseEntity<ProblemDetail> refused(MerchantAnswer answer, String applicationId) {
        return answer instanceof MerchantAnswer.NotAllowed notAllowed
                ? Problems.of(HttpStatus.CONFLICT, "Not allowed in the application's state", notAllowed.reason())
                : Problems.notFound(applicationId);
    }

    private ApplicationView view(StoredApplication row) {
        return ApiTranslation.view(row, refunds.of(row.applicationId()), queries.history(row.applicationId()));
    }
}
