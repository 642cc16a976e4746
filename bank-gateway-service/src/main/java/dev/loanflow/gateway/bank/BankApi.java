package dev.loanflow.gateway.bank;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/** The PaynKolay shopping-loan API's bodies, with its field names. */
public final class BankApi {

    private BankApi() {
    }

    public static final String SUCCESS = "0";

    public record Bank(String countryId, String code, String type, String name, String description, boolean active) {
    }

    public record Banks(List<Bank> banks) {
    }

    public record Session(String referenceId) {
    }

    public record Price(BigDecimal itemsPrice, BigDecimal shippingPrice, BigDecimal totalPrice) {
    }

    public record Item(String productName, String categoryCode, int quantity, BigDecimal price,
                       BigDecimal totalPriceWithoutDiscounts, BigDecimal totalPrice, String sellerExternalId,
                       BigDecimal commissionRate, BigDecimal commissionAmount, BigDecimal withholdingTax,
                       BigDecimal marketplaceCost) {
    }

    public record Cart(Price price, List<Item> items) {
    }

    public record SimulationRequest(Integer maxTerm, Cart cart) {
    }

    public record MonthlyPayment(int term, BigDecimal amount, BigDecimal interestRate, BigDecimal totalPaymentAmount,
                                 BigDecimal annualEffectiveInterestRate, BigDecimal monthlyEffectiveInterestRate,
                                 String type) {
    }

    public record Simulation(String bankResponseCode, String bankResponseMessage, boolean success,
                             List<MonthlyPayment> monthlyPayments) {
    }

    public record PreApprovalRequest(String nationalIdentityNumber, String gsmNumber, String orderId, int maxTerm,
                                     Cart cart) {
    }

    public record PreApproval(boolean success, String referenceId, boolean bankSuccess, String bankResponseCode,
                              String bankResponseMessage, List<MonthlyPayment> monthlyPayments) {
    }

    public record ApplicationRequest(String nationalIdentityNumber, String gsmNumber, String orderId,
                                     LocalDateTime orderDate, int totalTerm, long timeToLive, String callbackUrl,
                                     Cart cart) {
    }

    public record Installment(int term, BigDecimal amount, LocalDateTime dueDate) {
    }

    public record PaymentPlan(BigDecimal lendingAmount, BigDecimal interestRate, int term,
                              BigDecimal totalPaymentAmount, BigDecimal annualEffectiveInterestRate,
                              List<Installment> monthlyPayments) {
    }

    public record Application(boolean success, String referenceId, String referenceCode, boolean bankApproved,
                              String bankResponseCode, String bankResponseMessage, String bankRedirectionUrl,
                              PaymentPlan paymentPlan) {
    }

    public record QueriedInstallment(int term, BigDecimal amount, Instant dueDate, String details) {
    }

    public record QueriedPaymentPlan(BigDecimal lendingAmount, BigDecimal interestRate, int term,
                                     BigDecimal totalPaymentAmount, BigDecimal totalRefundAmount,
                                     BigDecimal annualEffectiveInterestRate, BigDecimal monthlyEffectiveInterestRate,
                                     List<QueriedInstallment> monthlyPayments) {
    }

    /** As the status query and the report show it; the customer's identity is the bank's, in clear: never log it. */
    public record LoanApplication(String bankType, String bankApplicationId, String referenceId, String referenceCode,
                                  String orderId, String nationalIdentityNumber, String gsm, int totalTerm,
                                  long timeToLive, String bankRedirectionUrl, String status, QueriedCart cart,
                                  QueriedPaymentPlan paymentPlan) {
    }

    public record QueriedCart(BigDecimal totalPrice) {
    }

    public record Report(boolean success, int pageNumber, int pageSize, long totalElements, long totalPages,
                         List<LoanApplication> loanApplications) {
    }

    public record LoanQuery(LoanApplication loanApplication) {
    }

    public record SellerRefund(BigDecimal trxAmount, BigDecimal refundedCommissionAmount, String sellerExternalId,
                               BigDecimal withholdingTax) {
    }

    public record RefundRequest(BigDecimal refundAmount, List<SellerRefund> sellerList) {
    }

    public record Refund(String bankResponseCode, String bankResponseMessage, String bankReferenceId,
                         String referenceId, boolean success) {
    }

    public record ErrorBody(Boolean success, String bankResponseCode, String bankResponseMessage, String errorCode,
                            String errorMessage) {
    }
}
