package dev.loanflow.origination.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

import dev.loanflow.infra.SharedInfrastructure;
import dev.loanflow.origination.Merchants;
import dev.loanflow.origination.OriginationIntegrationTest;

class SubmissionApiIT extends OriginationIntegrationTest {

    Merchants merchant;

    @BeforeEach
    void merchant() {
        merchant = new Merchants(http, "merchant-h");
    }

    @Test
    void validApplicationIsCreatedAsNewWithItsHistory() {
        ResponseEntity<JsonNode> created = merchant.submit(Merchants.validApplication());

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getHeaders().getLocation()).hasPath("/applications/" + created.getBody().get("applicationId").asText());
        assertThat(created.getBody().get("status").asText()).isEqualTo("NEW");
        assertThat(created.getBody().get("loanAmount").decimalValue()).isEqualByComparingTo("20100.00");
        assertThat(created.getBody().get("history").get(0).get("event").asText()).isEqualTo("SUBMITTED");
    }

    @Test
    void personalDataIsNotStoredInClearText() {
        Map<String, Object> body = Merchants.validApplication();
        String nationalId = (String) ((Map<?, ?>) body.get("customer")).get("nationalIdentityNumber");
        String applicationId = merchant.submit(body).getBody().get("applicationId").asText();

        String stored = jdbc.queryForList("select * from loan_application where application_id = ?", applicationId).toString()
                + jdbc.queryForList("select encode(pre_approval_request, 'escape') from loan_application where application_id = ?",
                applicationId);

        assertThat(stored).doesNotContain(nationalId).doesNotContain("5551234567").doesNotContain("ayse.yilmaz@example.com");
    }

    @Test
    void sameOrderIdReturnsTheExistingApplication() {
        Map<String, Object> body = Merchants.validApplication();
        String first = merchant.submit(body).getBody().get("applicationId").asText();

        ResponseEntity<JsonNode> again = merchant.submit(body);

        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody().get("applicationId").asText()).isEqualTo(first);
        assertThat(jdbc.queryForObject("select count(*) from loan_application where order_id = ?", Integer.class,
                body.get("orderId"))).isEqualTo(1);
    }

    @Test
    void theSameOrderSubmittedAtOnceIsCreatedOnceAndEveryCallerGetsIt() throws Exception {
        Map<String, Object> body = Merchants.validApplication();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<ResponseEntity<JsonNode>> answers;
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ResponseEntity<JsonNode>>> calls = IntStream.range(0, 8).mapToObj(i -> callers.submit(() -> {
                start.await();
                return merchant.submit(body);
            })).toList();
            start.countDown();
            answers = new ArrayList<>();
            for (Future<ResponseEntity<JsonNode>> call : calls) {
                answers.add(call.get(30, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }

        assertThat(answers).extracting(answer -> answer.getStatusCode().value()).containsOnly(201, 200).containsOnlyOnce(201);
        assertThat(answers).extracting(answer -> answer.getBody().get("applicationId").asText()).containsOnly(
                answers.get(0).getBody().get("applicationId").asText());
        assertThat(jdbc.queryForObject("select count(*) from loan_application where order_id = ?", Integer.class,
                body.get("orderId"))).isEqualTo(1);
    }

    @Test
    void sameIdempotencyKeyReturnsTheExistingApplicationAndAConflictingBodyIsRefused() {
        Map<String, Object> body = Merchants.validApplication();
        String first = merchant.submit(body, "key-" + body.get("orderId")).getBody().get("applicationId").asText();
        Map<String, Object> different = Merchants.validApplication();

        ResponseEntity<JsonNode> replay = merchant.submit(body, "key-" + body.get("orderId"));
        ResponseEntity<JsonNode> conflict = merchant.submit(different, "key-" + body.get("orderId"));

        assertThat(replay.getBody().get("applicationId").asText()).isEqualTo(first);
        assertThat(conflict.getStatusCode().value()).isEqualTo(409);
        assertThat(conflict.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void sameOrderIdForAnotherCustomerConflicts() {
        Map<String, Object> body = Merchants.validApplication();
        merchant.submit(body);
        Fields.set(body, "customer.gsmNumber", "5559876543");

        ResponseEntity<JsonNode> another = merchant.submit(body);

        assertThat(another.getStatusCode().value()).isEqualTo(409);
        assertThat(jdbc.queryForObject("select request_hash from loan_application where order_id = ?", String.class,
                body.get("orderId"))).matches("[^:]+:[0-9a-f]{64}");
    }

    @Test
    void sameOrderIdWithADifferentCartConflicts() {
        Map<String, Object> body = Merchants.validApplication();
        merchant.submit(body);
        Fields.set(body, "term", 3);

        assertThat(merchant.submit(body).getStatusCode().value()).isEqualTo(409);
    }

    static Stream<Arguments> invalidApplications() {
        return Stream.of(
                Arguments.of("national id with a bad check digit", "customer.nationalIdentityNumber", "10000000147", "customer.nationalIdentityNumber"),
                Arguments.of("national id too short", "customer.nationalIdentityNumber", "1000000014", "customer.nationalIdentityNumber"),
                Arguments.of("national id with letters", "customer.nationalIdentityNumber", "1000000014A", "customer.nationalIdentityNumber"),
                Arguments.of("phone not 5XXXXXXXXX", "customer.gsmNumber", "05551234567", "customer.gsmNumber"),
                Arguments.of("bad e-mail", "customer.email", "not-an-email", "customer.email"),
                Arguments.of("items do not add up", "cart.price.itemsPrice", new BigDecimal("19000.00"), "cart.price.itemsPrice"),
                Arguments.of("total is not items plus shipping", "cart.price.totalPrice", new BigDecimal("20000.00"), "cart.price.totalPrice"),
                Arguments.of("negative shipping", "cart.price.shippingPrice", new BigDecimal("-1.00"), "cart.price.shippingPrice"),
                Arguments.of("zero item total", "cart.items[0].totalPrice", new BigDecimal("0.00"), "cart.items[0].totalPrice"),
                Arguments.of("more than two decimals", "cart.items[0].totalPrice", new BigDecimal("20000.001"), "cart.items[0].totalPrice"),
                Arguments.of("unknown bank", "bankCode", "NOSUCHBANK", "bankCode"),
                Arguments.of("term the bank does not offer", "term", 7, "term"),
                Arguments.of("time to live in the past", "timeToLive", Instant.now().minusSeconds(60).toString(), "timeToLive"),
                Arguments.of("callback not https", "callbackUrl", "http://shop.example.com/hook", "callbackUrl"),
                Arguments.of("commission rate and amount", "cart.items[0].commissionAmount", new BigDecimal("200.00"), "cart.items[0].commissionRate"),
                Arguments.of("missing order id", "orderId", null, "orderId"),
                Arguments.of("negative commission rate", "cart.items[0].commissionRate", new BigDecimal("-1.00"), "cart.items[0].commissionRate"),
                Arguments.of("negative withholding tax", "cart.items[0].withholdingTax", new BigDecimal("-0.10"), "cart.items[0].withholdingTax"),
                Arguments.of("negative marketplace cost", "cart.items[0].marketplaceCost", new BigDecimal("-2.00"), "cart.items[0].marketplaceCost"),
                Arguments.of("unknown language", "customer.language", "DE", "customer.language"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidApplications")
    void invalidApplicationIsRefusedNamingTheField(String why, String path, Object value, String reportedField) {
        Map<String, Object> body = Merchants.validApplication();
        Fields.set(body, path, value);

        ResponseEntity<JsonNode> refused = merchant.submit(body);

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getBody().get("errors").findValuesAsText("field")).contains(reportedField);
        assertThat(jdbc.queryForObject("select count(*) from loan_application where order_id = ?", Integer.class,
                body.get("orderId"))).isZero();
    }

    @Test
    void anIdempotencyKeyLongerThanWeKeepIsABadRequestNotAServerError() {
        Map<String, Object> body = Merchants.validApplication();

        ResponseEntity<JsonNode> refused = merchant.submit(body, "k".repeat(129));

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().get("errors").findValuesAsText("field")).containsExactly("Idempotency-Key");
        assertThat(merchant.submit(body, "k".repeat(128)).getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void malformedJsonIsABadRequestAndNoTokenIsUnauthorized() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(SharedInfrastructure.authorizationServer().token("merchant-h"));

        ResponseEntity<JsonNode> malformed = http.exchange("/applications", HttpMethod.POST,
                new HttpEntity<>("{\"orderId\": ", headers), JsonNode.class);
        ResponseEntity<JsonNode> anonymous = http.exchange("/applications", HttpMethod.POST,
                new HttpEntity<>(Merchants.validApplication()), JsonNode.class);

        assertThat(malformed.getStatusCode().value()).isEqualTo(400);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void openApiDocumentDescribesTheApi() {
        String document = http.getForObject("/v3/api-docs", String.class);

        assertThat(document).contains("/applications/{applicationId}/refunds").contains("Submit a shopping-loan application");
    }

    /** Sets a value at a dotted path with [index] steps in a JSON-like map. */
    static final class Fields {

        @SuppressWarnings("unchecked")
        static void set(Map<String, Object> body, String path, Object value) {
            Object node = body;
            String[] steps = path.split("\\.");
            for (int i = 0; i < steps.length - 1; i++) {
                node = step(node, steps[i]);
            }
            String last = steps[steps.length - 1];
            ((Map<String, Object>) node).put(last, value);
        }

        private static Object step(Object node, String step) {
            int bracket = step.indexOf('[');
            if (bracket < 0) {
                return ((Map<?, ?>) node).get(step);
            }
            Object list = ((Map<?, ?>) node).get(step.substring(0, bracket));
            return ((List<?>) list).get(Integer.parseInt(step.substring(bracket + 1, step.length() - 1)));
        }
    }
}
