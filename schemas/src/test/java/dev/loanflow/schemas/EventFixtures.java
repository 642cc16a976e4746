package dev.loanflow.schemas;

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

final class EventFixtures {

    private EventFixtures() {
    }

    static ApplicationSubmitted aPhoneOnCredit(String applicationId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String eventId = UUID.randomUUID().toString();
        return ApplicationSubmitted.newBuilder()
                .setMetadata(EventMetadata.newBuilder()
                        .setEventId(eventId)
                        .setApplicationId(applicationId)
                        .setMerchantId("merchant-4003")
                        .setOccurredAt(now)
                        .setCorrelationId(eventId)
                        .setCausationId(null)
                        .build())
                .setOrderId("ORDER-" + applicationId)
                .setOrderDate(now)
                .setBankCode("AKTIFBANK")
                .setTerm(6)
                .setTimeToLive(now.plus(2, ChronoUnit.HOURS))
                .setCallbackUrl("https://shop.example.com/loan-callback")
                .setCustomer(Customer.newBuilder()
                        .setNationalIdentityNumber("10000000146")
                        .setGsmNumber("5551234567")
                        .setEmail("ayse.yilmaz@example.com")
                        .setFullName("Ayşe Yılmaz")
                        .setLanguage(Language.TR)
                        .build())
                .setCart(Cart.newBuilder()
                        .setPrice(new CartPrice(new BigDecimal("20000.00"), new BigDecimal("100.00"), new BigDecimal("20100.00")))
                        .setItems(List.of(CartItem.newBuilder()
                                .setProductName("Telefon 256 GB")
                                .setCategoryCode("ELECTRONICS")
                                .setQuantity(1)
                                .setPrice(new BigDecimal("20000.00"))
                                .setTotalPriceWithoutDiscounts(new BigDecimal("20000.00"))
                                .setTotalPrice(new BigDecimal("20000.00"))
                                .setSellerExternalId("SELLER-001")
                                .setCommissionRate(new BigDecimal("1.0000"))
                                .setCommissionAmount(null)
                                .setWithholdingTax(new BigDecimal("0.10"))
                                .setMarketplaceCost(new BigDecimal("2.00"))
                                .build()))
                        .build())
                .build();
    }
}
