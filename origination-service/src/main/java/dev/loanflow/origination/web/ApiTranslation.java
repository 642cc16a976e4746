package dev.loanflow.origination.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.loanflow.events.ApplicationSubmitted;
import dev.loanflow.events.Cart;
import dev.loanflow.events.CartItem;
import dev.loanflow.events.CartPrice;
import dev.loanflow.events.Customer;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.events.Language;
import dev.loanflow.events.PaymentPlan;
import dev.loanflow.origination.application.StoredApplication;
import dev.loanflow.origination.domain.Application;
import dev.loanflow.origination.persistence.ApplicationQueries;
import dev.loanflow.origination.persistence.Refunds;
import dev.loanflow.origination.web.ApplicationModels.*;

/** Between the API's JSON and the contract's records. */
final class ApiTranslation {

    private ApiTranslation() {
    }

    static ApplicationSubmitted toEvent(String merchantId, SubmitRequest request) {
        String eventId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        // the application's id is chosen here, so a caller knows it before the submission is stored
        return ApplicationSubmitted.newBuilder()
                .setMetadata(new EventMetadata(eventId, UUID.randomUUID().toString(), merchantId, now, eventId, null))
                .setOrderId(request.orderId()).setOrderDate(now).setBankCode(request.bankCode()).setTerm(request.term())
                .setTimeToLive(request.timeToLive()).setCallbackUrl(request.callbackUrl())
                .setCustomer(Customer.newBuilder()
                        .setNationalIdentityNumber(request.customer().nationalIdentityNumber())
                        .setGsmNumber(request.customer().gsmNumber()).setEmail(request.customer().email())
                        .setFullName(request.customer().fullName())
                        .setLanguage("EN".equalsIgnoreCase(request.customer().language()) ? Language.EN : Language.TR)
                        .build())
                .setCart(new Cart(new CartPrice(money(request.cart().price().itemsPrice()),
                        money(request.cart().price().shippingPrice()), money(request.cart().price().totalPrice())),
                        request.cart().items().stream().map(ApiTranslation::item).toList()))
                .build();
    }

    private static CartItem item(ItemRequest item) {
        return CartItem.newBuilder().setProductName(item.productName()).setCategoryCode(item.categoryCode())
                .setQuantity(item.quantity()).setPrice(money(item.price()))
                .setTotalPriceWithoutDiscounts(money(item.totalPriceWithoutDiscounts())).setTotalPrice(money(item.totalPrice()))
                .setSellerExternalId(item.sellerExternalId())
                .setCommissionRate(item.commissionRate() == null ? null : item.commissionRate().setScale(4))
                .setCommissionAmount(money(item.commissionAmount())).setWithholdingTax(money(item.withholdingTax()))
                .setMarketplaceCost(money(item.marketplaceCost())).build();
    }

    /** Kuruş precision; callers validated that no more than two decimals were given. */
    static BigDecimal money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2);
    }

    static ApplicationView view(StoredApplication row, List<Refunds.RefundRow> refunds,
                                List<ApplicationQueries.Transition> history) {
        Application application = row.application();
        PaymentPlan plan = row.bankApplication() == null ? null : row.bankApplication().getPaymentPlan();
        return new ApplicationView(application.applicationId(), application.orderId(), application.state().name(),
                application.bankCode(), application.term(), application.loanAmount().amount(),
                application.refunded().amount(), application.remaining().amount(), application.timeToLive(),
                application.createdAt(), application.detail(),
                row.bankApplication() == null ? null : row.bankApplication().getBankRedirectionUrl(),
                row.preApproved() == null ? null : row.preApproved().getOffers().stream()
                        .map(offer -> new OfferView(offer.getTerm(), offer.getInstallmentAmount(), offer.getInterestRate(),
                                offer.getTotalPaymentAmount(), offer.getAnnualEffectiveInterestRate(),
                                offer.getMonthlyEffectiveInterestRate()))
                        .toList(),
                plan == null ? null : new PaymentPlanView(plan.getLendingAmount(), plan.getTerm(),
                        plan.getTotalPaymentAmount(), plan.getAnnualEffectiveInterestRate(), plan.getInstallments().stream()
                        .map(installment -> new InstallmentView(installment.getNumber(), installment.getAmount(),
                                installment.getDueDate()))
                        .toList()),
                refunds.stream().map(refund -> new RefundView(refund.refundId(), refund.amount(), refund.status(),
                        refund.detail(), refund.requestedAt())).toList(),
                history.stream().map(step -> new TransitionView(step.from(), step.to(), step.event(), step.actor(), step.at()))
                        .toList());
    }
}
