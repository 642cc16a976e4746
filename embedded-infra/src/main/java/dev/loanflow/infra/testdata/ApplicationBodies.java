package dev.loanflow.infra.testdata;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Valid, editable bodies for {@code POST /applications}: one phone of 20,000.00 plus 100.00 shipping. */
public final class ApplicationBodies {

    private ApplicationBodies() {
    }

    public static Map<String, Object> valid() {
        return valid(TestData.nationalId(), "5551234567");
    }

    /** The simulator decides by the phone number's last two digits (docs/reference.md: bank simulator). */
    public static Map<String, Object> valid(String nationalId, String gsmNumber) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("productName", "Telefon 256 GB");
        item.put("categoryCode", "ELECTRONICS");
        item.put("quantity", 1);
        item.put("price", new BigDecimal("20000.00"));
        item.put("totalPriceWithoutDiscounts", new BigDecimal("20000.00"));
        item.put("totalPrice", new BigDecimal("20000.00"));
        item.put("sellerExternalId", "SELLER-001");
        item.put("commissionRate", new BigDecimal("1.00"));
        Map<String, Object> cart = new LinkedHashMap<>();
        cart.put("price", new LinkedHashMap<>(Map.of("itemsPrice", new BigDecimal("20000.00"),
                "shippingPrice", new BigDecimal("100.00"), "totalPrice", new BigDecimal("20100.00"))));
        cart.put("items", List.of(item));
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("nationalIdentityNumber", nationalId);
        customer.put("gsmNumber", gsmNumber);
        customer.put("email", "ayse.yilmaz@example.com");
        customer.put("fullName", "Ayşe Yılmaz");
        customer.put("language", "TR");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", "ORDER-" + UUID.randomUUID());
        body.put("bankCode", "AKTIFBANK");
        body.put("term", 6);
        body.put("timeToLive", Instant.now().plus(1, ChronoUnit.HOURS).toString());
        body.put("callbackUrl", "https://shop.example.com/loan-events");
        body.put("customer", customer);
        body.put("cart", cart);
        return body;
    }
}
