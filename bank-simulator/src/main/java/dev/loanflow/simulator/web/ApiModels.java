package dev.loanflow.simulator.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import dev.loanflow.simulator.application.Cart;

/** Request and response bodies of the shopping-loan API, with the reference's field names. */
final class ApiModels {

    private ApiModels() {
    }

    record AuthenticateRequest(@NotBlank String username, @NotBlank String password, @NotNull Long merchantNo,
                               @NotBlank String apiSecretKey) {
    }

    record TokenResponse(String token) {
    }

    record BankView(String countryId, String code, String type, String name, String description, boolean active) {
    }

    record BanksResponse(List<BankView> banks) {
    }

    record SessionResponse(String referenceId) {
    }

    record PriceDto(@NotNull @DecimalMin("0.00") @Digits(integer = 16, fraction = 2) BigDecimal itemsPrice,
                    @NotNull @DecimalMin("0.00") @Digits(integer = 16, fraction = 2) BigDecimal shippingPrice,
                    @NotNull @DecimalMin("0.01") @Digits(integer = 16, fraction = 2) BigDecimal totalPrice) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ItemDto(@NotBlank String productName, @NotBlank String categoryCode, @NotNull @Min(1) Integer quantity,
                   @DecimalMin("0.00") BigDecimal price,
                   @NotNull @DecimalMin("0.00") @Digits(integer = 16, fraction = 2) BigDecimal totalPriceWithoutDiscounts,
                   @NotNull @DecimalMin("0.00") @Digits(integer = 16, fraction = 2) BigDecimal totalPrice,
                   String sellerExternalId, @DecimalMin("0.00") BigDecimal commissionRate,
                   @DecimalMin("0.00") BigDecimal commissionAmount, @DecimalMin("0.00") BigDecimal withholdingTax,
                   @DecimalMin("0.00") BigDecimal marketplaceCost) {

        @AssertTrue(message = "only one of commissionRate and commissionAmount may be filled")
        boolean isOneCommissionKind() {
            return commissionRate == null || commissionAmount == null;
        }
    }

    record CartDto(@NotNull @Valid PriceDto price, @NotEmpty List<@Valid ItemDto> items) {

        Cart toCart() {
            return new Cart(price.itemsPrice(), price.shippingPrice(), price.totalPrice(), items.stream()
                    .map(item -> new Cart.Item(item.productName(), item.categoryCode(), item.quantity(), item.price(),
                            item.totalPriceWithoutDiscounts(), item.totalPrice()))
                    .toList());
        }
    }

    record SimulationRequest(@Min(1) Integer maxTerm, @Valid CartDto cart) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MonthlyPaymentView(int term, BigDecimal amount, BigDecimal interestRate, BigDecimal totalPaymentAmount,
                              BigDecimal annualEffectiveInterestRate, BigDecimal monthlyEffectiveInterestRate,
                              String type) {
    }

    record SimulationResponse(String bankResponseCode, String bankResponseMessage, boolean success,
                              List<MonthlyPaymentView> monthlyPayments) {
    }

    record PreApprovalRequest(@NotBlank String nationalIdentityNumber, @NotBlank String gsmNumber,
                              @NotBlank String orderId, @NotNull @Min(1) Integer maxTerm, @NotNull @Valid CartDto cart) {
    }

    record PreApprovalResponse(boolean success, String referenceId, boolean bankSuccess, String bankResponseCode,
                               String bankResponseMessage, List<MonthlyPaymentView> monthlyPayments) {
    }

    record ApplicationRequest(@NotBlank String nationalIdentityNumber, @NotBlank String gsmNumber,
                              @NotBlank String orderId, @NotNull LocalDateTime orderDate,
                              @NotNull @Min(1) Integer totalTerm, @NotNull Long timeToLive,
                              @NotBlank @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String callbackUrl,
                              @NotNull @Valid CartDto cart) {
    }

    record InstallmentView(int term, BigDecimal amount, LocalDateTime dueDate) {
    }

    record PaymentPlanView(BigDecimal lendingAmount, BigDecimal interestRate, int term, BigDecimal totalPaymentAmount,
                           BigDecimal annualEffectiveInterestRate, List<InstallmentView> monthlyPayments) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ApplicationResponse(boolean success, String referenceId, String referenceCode, boolean bankApproved,
                               String bankResponseCode, String bankResponseMessage, String bankRedirectionUrl,
                               PaymentPlanView paymentPlan) {
    }

    record QueriedItem(String categoryCode, String name, int quantity, BigDecimal price, BigDecimal priceWithoutDiscounts) {
    }

    record QueriedCart(BigDecimal totalPrice, BigDecimal shippingPrice, List<QueriedItem> items) {
    }

    record QueriedInstallment(int term, BigDecimal amount, Instant dueDate, String details) {
    }

    record QueriedPaymentPlan(BigDecimal lendingAmount, BigDecimal interestRate, int term, BigDecimal totalPaymentAmount,
                              BigDecimal totalRefundAmount, BigDecimal annualEffectiveInterestRate,
                              BigDecimal monthlyEffectiveInterestRate, List<QueriedInstallment> monthlyPayments) {
    }

    record LoanApplicationView(String bankType, String bankApplicationId, String referenceId, String referenceCode,
                               long merchantNo, String orderId, String nationalIdentityNumber, String gsm,
                               int totalTerm, String type, @JsonProperty("isApproved") boolean isApproved,
                               long timeToLive, String bankRedirectionUrl, Instant applicationDate, Instant orderDate,
                               String status, String merchantCallbackUrl, QueriedCart cart,
                               QueriedPaymentPlan paymentPlan) {
    }

    record LoanQueryResponse(LoanApplicationView loanApplication) {
    }

    record SellerRefundDto(BigDecimal trxAmount, BigDecimal refundedCommissionAmount, String sellerExternalId,
                           BigDecimal withholdingTax) {
    }

    record RefundRequest(@NotNull BigDecimal refundAmount, List<@Valid SellerRefundDto> sellerList) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RefundResponse(String bankResponseCode, String bankResponseMessage, String bankReferenceId,
                          String referenceId, boolean success) {
    }

    record ReportingResponse(boolean success, int pageNumber, int pageSize, long totalElements, long totalPages,
                             List<LoanApplicationView> loanApplications) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorResponse(boolean success, String bankResponseCode, String bankResponseMessage, String errorCode,
                         String errorMessage, String referenceId) {

        static ErrorResponse of(String errorCode, String message) {
            return new ErrorResponse(false, "99", message, errorCode, message, null);
        }
    }
}
