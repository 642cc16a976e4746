package dev.loanflow.system;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import dev.loanflow.infra.Platform;

/** Submissions as an upstream system publishes them on its topic, and counts of what they left in the database. */
final class UpstreamSubmissions {

    private UpstreamSubmissions() {
    }

    /** One 1,000 TL item, customer in clear, as upstream systems send it. */
    static ApplicationSubmitted submission(String applicationId, String merchant, String nationalId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String eventId = UUID.randomUUID().toString();
        BigDecimal price = new BigDecimal("1000.00");
        return ApplicationSubmitted.newBuilder()
                .setMetadata(new EventMetadata(eventId, applicationId, merchant, now, eventId, null))
                .setOrderId("ORDER-" + applicationId).setOrderDate(now).setBankCode("AKTIFBANK").setTerm(6)
                .setTimeToLive(now.plus(1, ChronoUnit.HOURS)).setCallbackUrl("https://shop.example.com/hook")
                .setCustomer(Customer.newBuilder().setNationalIdentityNumber(nationalId).setGsmNumber("5551234567")
                        .setEmail("mehmet.kaya@example.com").setFullName("Mehmet Kaya").setLanguage(Language.TR).build())
                .setCart(new Cart(new CartPrice(price, new BigDecimal("0.00"), price),
                        List.of(CartItem.newBuilder().setProductName("Kulaklık").setCategoryCode("ELECTRONICS").setQuantity(1)
                                .setPrice(price).setTotalPriceWithoutDiscounts(price).setTotalPrice(price)
                                .setSellerExternalId(null).setCommissionRate(null).setCommissionAmount(null)
                                .setWithholdingTax(null).setMarketplaceCost(null).build())))
                .build();
    }

    /** The rows a {@code select count(*) … where application_id = ?} finds for the application. */
    static long count(Platform platform, String query, String applicationId) throws SQLException {
        try (Connection connection = platform.database();
             PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, applicationId);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
