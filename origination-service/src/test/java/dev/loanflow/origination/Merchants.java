package dev.loanflow.origination;

import dev.loanflow.infra.SharedInfrastructure;
import dev.loanflow.infra.testdata.TestData;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A merchant calling the applications API over HTTP with a real access token for its client (see TestClients),
 * and valid, editable application bodies.
 */
public final class Merchants {

    static final ObjectMapper JSON = new ObjectMapper();

    private final TestRestTemplate http;
    public final String merchantId;

    public Merchants(TestRestTemplate http, String merchantId) {
        this.http = http;
        this.merchantId = merchantId;
    }

    public static Map<String, Object> validApplication() {
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
        customer.put("nationalIdentityNumber", TestData.nationalId());
        customer.put("gsmNumber", "5551234567");
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

    public ResponseEntity<JsonNode> submit(Object body) {
        return submit(body, null);
    }

    public ResponseEntity<JsonNode> submit(Object body, String idempotencyKey) {
        HttpHeaders headers = headers();
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        return http.exchange("/applications", HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    public String submitted() {
        return submit(validApplication()).getBody().get("applicationId").asText();
    }

    public ResponseEntity<JsonNode> get(String applicationId) {
        return http.exchange("/applications/" + applicationId, HttpMethod.GET, new HttpEntity<>(headers()), JsonNode.class);
    }

    public String status(String applicationId) {
        return get(applicationId).getBody().get("status").asText();
    }

    public ResponseEntity<JsonNode> cancel(String applicationId) {
        return http.exchange("/applications/" + applicationId + "/cancel", HttpMethod.POST, new HttpEntity<>(headers()),
                JsonNode.class);
    }

    public ResponseEntity<JsonNode> refund(String applicationId, String amount) {
        return http.exchange("/applications/" + applicationId + "/refunds", HttpMethod.POST,
                new HttpEntity<>(Map.of("amount", new BigDecimal(amount)), headers()), JsonNode.class);
    }

    public ResponseEntity<JsonNode> report(String query) {
        return http.exchange("/applications?" + query, HttpMethod.GET, new HttpEntity<>(headers()), JsonNode.class);
    }

    private HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(SharedInfrastructure.authorizationServer().token(merchantId));
        return headers;
    }

}
