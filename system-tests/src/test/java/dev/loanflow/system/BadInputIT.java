package dev.loanflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.loanflow.infra.Platform;
import dev.loanflow.infra.testdata.ApplicationBodies;

/**
 * Bad requests against the running platform, each with the clear error it deserves and no side effect. The field
 * by field validation matrix of a submission lives in origination's SubmissionApiIT; this covers what reaches
 * across services: types, sizes, states, and callbacks.
 */
class BadInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MERCHANT = "merchant-b";

    private final Platform platform = SharedPlatform.get();
    private final HttpClient http = HttpClient.newHttpClient();

    static Stream<Arguments> badSubmissions() {
        return Stream.of(
                Arguments.of("malformed JSON", (UnaryOperator<String>) body -> body.substring(0, body.length() / 2), 400),
                Arguments.of("a number where text belongs and text where a number belongs",
                        (UnaryOperator<String>) body -> body.replace("\"term\":6", "\"term\":\"six\""), 400),
                Arguments.of("duplicated key", (UnaryOperator<String>) body -> body.replace("\"term\":6", "\"term\":6,\"term\":12"), 400),
                Arguments.of("customer missing", (UnaryOperator<String>) body -> {
                    Map<String, Object> changed = read(body);
                    changed.remove("customer");
                    return write(changed);
                }, 400),
                Arguments.of("cart with 101 items", (UnaryOperator<String>) body -> {
                    Map<String, Object> changed = read(body);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> cart = (Map<String, Object>) changed.get("cart");
                    List<Object> items = new ArrayList<>();
                    for (int i = 0; i < 101; i++) {
                        items.add(((List<?>) cart.get("items")).get(0));
                    }
                    cart.put("items", items);
                    return write(changed);
                }, 400),
                Arguments.of("an amount as a JSON float with three decimals",
                        (UnaryOperator<String>) body -> body.replace("\"shippingPrice\":100.00", "\"shippingPrice\":100.001"), 400),
                Arguments.of("an oversize body (1 MB)", (UnaryOperator<String>) body ->
                        body.replace("\"fullName\":\"", "\"fullName\":\"" + "x".repeat(1_000_000)), 413));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSubmissions")
    void badSubmissionsAreClearProblemsAndStoreNothing(String why, UnaryOperator<String> spoil, int status) throws Exception {
        Map<String, Object> application = ApplicationBodies.valid();
        String orderId = (String) application.get("orderId");

        HttpResponse<String> answer = call("POST", "/applications", spoil.apply(write(application)));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(count("select count(*) from origination.loan_application where order_id = ?", orderId)).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBodySentInChunksWithoutItsLengthIsHeldToTheSameLimit() throws Exception {
        Map<String, Object> oversize = ApplicationBodies.valid();
        ((Map<String, Object>) oversize.get("customer")).put("fullName", "x".repeat(1_000_000));
        Map<String, Object> fitting = ApplicationBodies.valid();

        HttpResponse<String> refused = callInChunks("/applications", write(oversize));
        HttpResponse<String> accepted = callInChunks("/applications", write(fitting));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(count("select count(*) from origination.loan_application where order_id = ?",
                (String) oversize.get("orderId"))).isZero();
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        assertThat(count("select count(*) from origination.loan_application where order_id = ?",
                (String) fitting.get("orderId"))).isEqualTo(1);
    }

    @Test
    void actionsTheStateDoesNotAllowAreConflictsAndChangeNothing() throws Exception {
        String approved = settled("67", "APPROVED");
        String rejected = settled("01", "REJECTED");

        HttpResponse<String> aboveTheLoan = call("POST", "/applications/" + approved + "/refunds", "{\"amount\":20100.01}");
        HttpResponse<String> onRejected = call("POST", "/applications/" + rejected + "/refunds", "{\"amount\":1.00}");
        HttpResponse<String> cancelApproved = call("POST", "/applications/" + approved + "/cancel", "");
        HttpResponse<String> zero = call("POST", "/applications/" + approved + "/refunds", "{\"amount\":0}");
        HttpResponse<String> overPrecise = call("POST", "/applications/" + approved + "/refunds", "{\"amount\":1.001}");
        HttpResponse<String> unknown = call("GET", "/applications/no-such-application", null);

        assertThat(aboveTheLoan.statusCode()).isEqualTo(409);
        assertThat(onRejected.statusCode()).isEqualTo(409);
        assertThat(cancelApproved.statusCode()).isEqualTo(409);
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(overPrecise.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(List.of(aboveTheLoan, onRejected, cancelApproved, zero, overPrecise, unknown))
                .allSatisfy(answer -> assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json"));
        assertThat(count("select count(*) from origination.refund where application_id in (?, ?)", approved, rejected)).isZero();
        assertThat(status(approved)).isEqualTo("APPROVED");
        assertThat(status(rejected)).isEqualTo("REJECTED");
    }

    @Test
    void replayedAndForgedBankCallbacksChangeNothing() throws Exception {
        String approved = settled("67", "APPROVED");
        String loanReference = text("select loan_reference_id from bank_gateway.bank_application where application_id = ?", approved);
        int transitionsBefore = count("select count(*) from origination.application_transition where application_id = ?", approved);
        String gateway = platform.service("bank-gateway-service").baseUrl();

        List<Integer> answers = new ArrayList<>();
        for (String reference : List.of(loanReference, loanReference, loanReference, "forged-" + loanReference)) {
            answers.add(http.send(HttpRequest.newBuilder(URI.create(gateway + "/bank/callbacks"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"referenceId\":\"" + reference + "\",\"status\":\"REJECTED\"}"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        Thread.sleep(2000);

        assertThat(answers).containsOnly(202);
        assertThat(status(approved)).isEqualTo("APPROVED");
        assertThat(count("select count(*) from origination.application_transition where application_id = ?", approved))
                .isEqualTo(transitionsBefore);
    }

    private String settled(String gsmSuffix, String wanted) throws Exception {
        Map<String, Object> application = ApplicationBodies.valid(dev.loanflow.infra.testdata.TestData.nationalId(),
                "55512345" + gsmSuffix);
        String id = JSON.readTree(call("POST", "/applications", write(application)).body()).get("applicationId").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!wanted.equals(status(id)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        assertThat(status(id)).isEqualTo(wanted);
        return id;
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.originationUrl() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + platform.authorization.token(MERCHANT))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** HTTP/1.1 with a body of unknown length: the client sends it chunked, with no Content-Length. */
    private HttpResponse<String> callInChunks(String path, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.originationUrl() + path))
                .version(HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + platform.authorization.token(MERCHANT))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String status(String applicationId) throws Exception {
        return text("select status from origination.loan_application where application_id = ?", applicationId);
    }

    private String text(String sql, String parameter) throws Exception {
        try (Connection connection = platform.database(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        }
    }

    private int count(String sql, String... parameters) throws Exception {
        try (Connection connection = platform.database(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String body) {
        try {
            return JSON.readValue(body, Map.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
