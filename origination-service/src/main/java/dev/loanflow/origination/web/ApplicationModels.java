package dev.loanflow.origination.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The JSON of the applications API. Amounts have at most two decimals; the business rules live in the domain. */
final class ApplicationModels {

    private ApplicationModels() {
    }

    record CustomerRequest(@NotBlank String nationalIdentityNumber, @NotBlank String gsmNumber, String email,
                           @Size(max = 200) String fullName,
                           @Pattern(regexp = "(?i)TR|EN", message = "must be TR or EN") String language) {
    }

    record PriceRequest(@NotNull @Digits(integer = 16, fraction = 2) BigDecimal itemsPrice,
                        @NotNull @Digits(integer = 16, fraction = 2) BigDecimal shippingPrice,
                        @NotNull @Digits(integer = 16, fraction = 2) BigDecimal totalPrice) {
    }

    record ItemRequest(@NotBlank String productName, @NotBlank String categoryCode, @NotNull Integer quantity,
                       @Digits(integer = 16, fraction = 2) BigDecimal price,
                       @NotNull @Digits(integer = 16, fraction = 2) BigDecimal totalPriceWithoutDiscounts,
                       @NotNull @Digits(integer = 16, fraction = 2) BigDecimal totalPrice, String sellerExternalId,
                       @Digits(integer = 5, fraction = 4) BigDecimal commissionRate,
                       @Digits(integer = 16, fraction = 2) BigDecimal commissionAmount,
                       @Digits(integer = 16, fraction = 2) BigDecimal withholdingTax,
                       @Digits(integer = 16, fraction = 2) BigDecimal marketplaceCost) {
    }

    record CartRequest(@NotNull @Valid PriceRequest price, @NotEmpty @Size(max = 100) List<@Valid ItemRequest> items) {
    }

    record SubmitRequest(@NotBlank @Size(max = 128) String orderId, @NotBlank String bankCode, @NotNull Integer term,
                         @NotNull Instant timeToLive, @NotBlank @Size(max = 2048) String callbackUrl,
                         @NotNull @Valid CustomerRequest customer, @NotNull @Valid CartRequest cart) {
    }

    record SellerRefundRequest(@Digits(integer = 16, fraction = 2) BigDecimal trxAmount,
                               @Digits(integer = 16, fraction = 2) BigDecimal refundedCommissionAmount,
                               String sellerExternalId, @Digits(integer = 16, fraction = 2) BigDecimal withholdingTax) {
    }

    record RefundRequest(@NotNull @Digits(integer = 16, fraction = 2) BigDecimal amount,
                         List<@Valid SellerRefundRequest> sellers) {
    }

    record RefundAccepted(String refundId, String status) {
    }

    record OfferView(int term, BigDecimal installmentAmount, BigDecimal interestRate, BigDecimal totalPaymentAmount,
                     BigDecimal annualEffectiveInterestRate, BigDecimal monthlyEffectiveInterestRate) {
    }

    record InstallmentView(int number, BigDecimal amount, Instant dueDate) {
    }

    record PaymentPlanView(BigDecimal lendingAmount, int term, BigDecimal totalPaymentAmount,
                           BigDecimal annualEffectiveInterestRate, List<InstallmentView> installments) {
    }

    record RefundView(String refundId, BigDecimal amount, String status, String detail, Instant requestedAt) {
    }

    record TransitionView(String from, String to, String event, String actor, Instant at) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ApplicationView(String applicationId, String orderId, String status, String bankCode, int term,
                           BigDecimal loanAmount, BigDecimal refundedTotal, BigDecimal remainingAmount,
                           Instant timeToLive, Instant createdAt, String detail, String bankRedirectionUrl,
                           List<OfferView> offers, PaymentPlanView paymentPlan, List<RefundView> refunds,
                           List<TransitionView> history) {
    }

    record ApplicationSummary(String applicationId, String orderId, String status, String bankCode,
                              BigDecimal loanAmount, BigDecimal refundedTotal, Instant createdAt) {
    }

    record ApplicationPage(int page, int size, long totalElements, long totalPages, List<ApplicationSummary> applications) {
    }
}
