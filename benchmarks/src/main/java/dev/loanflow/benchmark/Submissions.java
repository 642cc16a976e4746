package dev.loanflow.benchmark;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.loanflow.events.ApplicationSubmitted;
import dev.loanflow.events.Cart;
import dev.loanflow.events.CartItem;
import dev.loanflow.events.CartPrice;
import dev.loanflow.events.Customer;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.events.Language;
import dev.loanflow.infra.testdata.TestData;

/** Applications as an upstream checkout publishes them on the input topic; the customer approves at the bank. */
final class Submissions {

    static final String MERCHANT = "bench-shop";
    static final String PUBLISHER = "bench-checkout";
    static final String PUBLISHERS = PUBLISHER + ":" + MERCHANT;
    private static final BigDecimal PRICE = new BigDecimal("12500.00");
    private static final BigDecimal SHIPPING = new BigDecimal("49.90");

    private Submissions() {
    }

    static ApplicationSubmitted approvedByTheCustomer(String applicationId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String eventId = UUID.randomUUID().toString();
        return ApplicationSubmitted.newBuilder()
                .setMetadata(new EventMetadata(eventId, applicationId, MERCHANT, now, eventId, null))
                .setOrderId("BENCH-" + applicationId).setOrderDate(now).setBankCode("AKTIFBANK").setTerm(6)
                .setTimeToLive(now.plus(1, ChronoUnit.HOURS)).setCallbackUrl("https://shop.example.com/loan-events")
                .setCustomer(Customer.newBuilder().setNationalIdentityNumber(TestData.nationalId())
                        .setGsmNumber("5551234567").setEmail("musteri@example.com").setFullName("Zeynep Demir")
                        .setLanguage(Language.TR).build())
                .setCart(new Cart(new CartPrice(PRICE, SHIPPING, PRICE.add(SHIPPING)),
                        List.of(CartItem.newBuilder().setProductName("Dizüstü bilgisayar 14\"").setCategoryCode("ELECTRONICS")
                                .setQuantity(1).setPrice(PRICE).setTotalPriceWithoutDiscounts(PRICE).setTotalPrice(PRICE)
                                .setSellerExternalId("SELLER-7").setCommissionRate(new BigDecimal("1.50"))
                                .setCommissionAmount(null).setWithholdingTax(null).setMarketplaceCost(null).build())))
                .build();
    }

    static BigDecimal loanAmount() {
        return PRICE.add(SHIPPING);
    }
}
