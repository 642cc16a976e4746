package dev.loanflow.simulator.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;

import dev.loanflow.simulator.application.ApplicationStore;
import dev.loanflow.simulator.application.BankRefusal;
import dev.loanflow.simulator.application.LoanApplication;
import dev.loanflow.simulator.application.LoanStatus;
import dev.loanflow.simulator.application.ShoppingLoanBank;
import dev.loanflow.simulator.loan.LoanCalculator;
import dev.loanflow.simulator.loan.PaymentSchedule;
import dev.loanflow.simulator.web.ApiModels.*;

/** The facilitated shopping-loan endpoints, behind a bearer token. */
@RestController
@Validated
@RequestMapping("/loans/v1/facilitate")
class ShoppingLoanController {

    static final String MERCHANT = "merchantNo";
    private static final String SUCCESSFUL = "Transaction Successful";
    private static final String CONSUMER_LOAN = "CONSUMER_LOAN";

    private final ShoppingLoanBank bank;

    ShoppingLoanController(ShoppingLoanBank bank) {
        this.bank = bank;
    }

    @PostMapping("/query/banks")
    BanksResponse banks() {
        return new BanksResponse(bank.banks().stream()
                .map(b -> new BankView(b.countryId(), b.code(), b.type(), b.name(), b.description(), b.active()))
                .toList());
    }

    @PostMapping("/sessions/{bankCode}")
    SessionResponse startSession(@RequestAttribute(MERCHANT) long merchantNo, @PathVariable String bankCode) {
        return new SessionResponse(bank.startSession(merchantNo, bankCode));
    }

    @PostMapping("/simulation/{bankSessionReferenceId}")
    SimulationResponse simulate(@RequestAttribute(MERCHANT) long merchantNo, @PathVariable String bankSessionReferenceId,
                                @Valid @RequestBody SimulationRequest request) {
        if (request.cart() == null) {
            throw BankRefusal.invalid("cart is required to simulate payments");
        }
        List<PaymentSchedule> offers = bank.simulate(merchantNo, bankSessionReferenceId, request.maxTerm(), request.cart().toCart());
        return new SimulationResponse(ShoppingLoanBank.SUCCESS, SUCCESSFUL, true, views(offers, null));
    }

    @PostMapping("/pre-approved/{bankSessionReferenceId}")
    PreApprovalResponse preAssess(@RequestAttribute(MERCHANT) long merchantNo, @PathVariable String bankSessionReferenceId,
                                  @Valid @RequestBody PreApprovalRequest request) {
        ShoppingLoanBank.PreAssessmentOutcome outcome = bank.preAssess(merchantNo, bankSessionReferenceId,
                request.nationalIdentityNumber(), request.gsmNumber(), request.orderId(), request.maxTerm(),
                request.cart().toCart());
        return outcome.approved()
                ? new PreApprovalResponse(true, outcome.referenceId(), true, ShoppingLoanBank.SUCCESS, SUCCESSFUL,
                        views(outcome.offers(), CONSUMER_LOAN))
                : new PreApprovalResponse(true, outcome.referenceId(), false, ShoppingLoanBank.DECLINED,
                        "Customer is not eligible for a shopping loan", List.of());
    }

    @PostMapping("/application/{preApprovedReferenceId}")
    ApplicationResponse apply(@RequestAttribute(MERCHANT) long merchantNo, @PathVariable String preApprovedReferenceId,
                              @Valid @RequestBody ApplicationRequest request) {
        LoanApplication application = bank.apply(merchantNo, preApprovedReferenceId, new ShoppingLoanBank.ApplicationInput(
                request.nationalIdentityNumber(), request.gsmNumber(), request.orderId(), request.orderDate(),
                request.totalTerm(), request.timeToLive(), request.callbackUrl(), request.cart().toCart()));
        if (application.status() == LoanStatus.FAILED) {
            return new ApplicationResponse(false, application.referenceId(), application.referenceCode(), false,
                    ShoppingLoanBank.APPLICATION_FAILED, "Bank could not process the application", null, null);
        }
        PaymentSchedule plan = planOf(application);
        return new ApplicationResponse(true, application.referenceId(), application.referenceCode(), true,
                ShoppingLoanBank.SUCCESS, SUCCESSFUL, application.redirectionUrl(), new PaymentPlanView(
                plan.principal(), plan.monthlyRatePercent(), plan.term(), plan.totalPaymentAmount(),
                plan.annualEffectiveRatePercent(), plan.installments().stream()
                .map(row -> new InstallmentView(row.number(), row.amount(), row.dueDate())).toList()));
    }

    @GetMapping("/query/loan/{loanApplicationReferenceId}")
    LoanQueryResponse query(@RequestAttribute(MERCHANT) long merchantNo, @PathVariable String loanApplicationReferenceId) {
        return new LoanQueryResponse(view(bank.query(merchantNo, loanApplicationReferenceId)));
    }

    @PostMapping("/refund/{loanApplicationReferenceId}")
    RefundResponse refund(@RequestAttribute(MERCHANT) long merchantNo, @PathVariable String loanApplicationReferenceId,
                          @Valid @RequestBody RefundRequest request) {
        LoanApplication.RefundResult result = bank.refund(merchantNo, loanApplicationReferenceId, request.refundAmount());
        if (result.anomaly()) {
            return new RefundResponse(ShoppingLoanBank.REFUND_ANOMALY, result.message(), null, null, false);
        }
        if (!result.executed()) {
            throw new BankRefusal(BankRefusal.Kind.INVALID, result.errorCode(), result.message());
        }
        return new RefundResponse(ShoppingLoanBank.SUCCESS, SUCCESSFUL, "BANK-REF-" + UUID.randomUUID().toString().substring(0, 8),
                UUID.randomUUID().toString(), true);
    }

    @GetMapping("/reporting")
    ReportingResponse report(@RequestAttribute(MERCHANT) long merchantNo, @RequestParam Instant startDate,
                             @RequestParam Instant endDate, @RequestParam(required = false) String referenceId,
                             @RequestParam(required = false) List<String> statuses,
                             @RequestParam int pageNumber, @RequestParam int pageSize) {
        ApplicationStore.Page page = bank.report(merchantNo, startDate, endDate, referenceId, parse(statuses),
                pageNumber, pageSize);
        long totalPages = (page.totalElements() + pageSize - 1) / pageSize;
        return new ReportingResponse(true, pageNumber, pageSize, page.totalElements(), totalPages,
                page.applications().stream().map(ShoppingLoanController::view).toList());
    }

    private static Set<LoanStatus> parse(List<String> statuses) {
        if (statuses == null) {
            return Set.of();
        }
        Set<String> known = Arrays.stream(LoanStatus.values()).map(Enum::name).collect(Collectors.toSet());
        Set<LoanStatus> parsed = EnumSet.noneOf(LoanStatus.class);
        for (String status : statuses) {
            for (String name : status.split(",")) {
                if (!known.contains(name.trim())) {
                    throw BankRefusal.invalid("Unknown status " + name.trim() + "; known: " + known);
                }
                parsed.add(LoanStatus.valueOf(name.trim()));
            }
        }
        return parsed;
    }

    private static List<MonthlyPaymentView> views(List<PaymentSchedule> offers, String type) {
        return offers.stream().map(plan -> new MonthlyPaymentView(plan.term(), plan.installmentAmount(),
                plan.monthlyRatePercent(), plan.totalPaymentAmount(), plan.annualEffectiveRatePercent(),
                plan.monthlyEffectiveRatePercent(), type)).toList();
    }

    private static PaymentSchedule planOf(LoanApplication application) {
        return LoanCalculator.schedule(application.lendingAmount(), application.monthlyRatePercent(),
                application.totalTerm(), application.orderDate());
    }

    static LoanApplicationView view(LoanApplication application) {
        PaymentSchedule plan = planOf(application);
        LoanStatus status = application.status();
        BigDecimal refunded = application.refundedTotal();
        return new LoanApplicationView(application.bankCode(), application.bankApplicationId(),
                application.referenceId(), application.referenceCode(), application.merchantNo(), application.orderId(),
                application.nationalIdentityNumber(), application.gsmNumber(), application.totalTerm(), "SHOPPING_LOAN",
                status == LoanStatus.APPROVED || status.name().startsWith("REFUNDED"), application.timeToLive(),
                application.redirectionUrl(), application.applicationDate(),
                application.orderDate().toInstant(ZoneOffset.UTC), status.name(), application.callbackUrl(),
                new QueriedCart(application.cart().totalPrice(), application.cart().shippingPrice(),
                        application.cart().items().stream().map(item -> new QueriedItem(item.categoryCode(),
                                item.productName(), item.quantity(), item.price(), item.totalPriceWithoutDiscounts())).toList()),
                new QueriedPaymentPlan(plan.principal(), plan.monthlyRatePercent(), plan.term(),
                        plan.totalPaymentAmount(), refunded, plan.annualEffectiveRatePercent(),
                        plan.monthlyEffectiveRatePercent(), plan.installments().stream()
                        .map(row -> new QueriedInstallment(row.number(), row.amount(),
                                row.dueDate().toInstant(ZoneOffset.UTC), ordinal(row.number()) + " Installment"))
                        .toList()));
    }

    private static String ordinal(int number) {
        int lastTwo = number % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th"
                : switch (number % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return number + suffix;
    }
}
