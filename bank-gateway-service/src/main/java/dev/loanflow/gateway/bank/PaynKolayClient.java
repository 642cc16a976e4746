package dev.loanflow.gateway.bank;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;

import dev.loanflow.gateway.bank.BankApi.*;

/**
 * The PaynKolay shopping-loan API over HTTP. Every call has connect and read time-outs and goes through the
 * bank's circuit breaker; calls that are safe to repeat are retried with jittered exponential backoff. A 401
 * re-authenticates once. Refusals (4xx with the error body) come back as {@link BankReply.Refused}; anything
 * else that is not an answer is {@link BankUnavailable}.
 */
public class PaynKolayClient {

    private static final Logger log = LoggerFactory.getLogger(PaynKolayClient.class);
    static final String SAFE_RETRY = "bank-safe-calls";
    private static final String FACILITATOR = "paynkolay";
    private static final int MAX_CONNECTIONS = 64;

    private final RestClient http;
    private final ObjectMapper json;
    private final BankProperties properties;
    private final BearerTokens tokens;
    private final CircuitBreakerRegistry circuitBreakers;
    private final Retry safeRetry;
    private final BankInteractions interactions;
    private final Clock clock;
    private volatile Instant credentialsRefusedSince;

    public PaynKolayClient(RestClient.Builder builder, BankProperties properties, ObjectMapper json,
                           CircuitBreakerRegistry circuitBreakers, RetryRegistry retries, BankInteractions interactions,
                           Clock clock) {
        this.http = builder.baseUrl(properties.baseUrl()).requestFactory(requestFactory(properties)).build();
        this.json = json;
        this.properties = properties;
        this.circuitBreakers = circuitBreakers;
        this.safeRetry = retries.retry(SAFE_RETRY);
        this.interactions = interactions;
        this.clock = clock;
        this.tokens = new BearerTokens(this::authenticate, properties.tokenRefreshMargin(), clock);
    }

    /**
     * Apache HttpClient with a pool larger than the bank request threads (48 by default): every one of them may be
     * waiting on the bank at once, beside the callbacks' status queries and reconciliation. It used about a fifth less
     * of the gateway's CPU than the JDK client, whose selector thread hands every exchange across threads. Retries are
     * Resilience4j's alone.
     */
    private static ClientHttpRequestFactory requestFactory(BankProperties properties) {
        return ClientHttpRequestFactoryBuilder.httpComponents()
                .withConnectionManagerCustomizer(pool -> pool.setMaxConnTotal(MAX_CONNECTIONS).setMaxConnPerRoute(MAX_CONNECTIONS))
                .withHttpClientCustomizer(HttpClientBuilder::disableAutomaticRetries)
                .withDefaultRequestConfigCustomizer(request -> request.setConnectionRequestTimeout(
                        Timeout.of(properties.connectTimeout())))
                .build(ClientHttpRequestFactorySettings.defaults()
                        .withTimeouts(properties.connectTimeout(), properties.readTimeout()));
    }

    public BankReply<Banks> banks() {
        return safely(FACILITATOR, "banks", null, () -> call(HttpMethod.POST, "/loans/v1/facilitate/query/banks", Map.of(), Banks.class));
    }

    public BankReply<Session> startSession(String applicationId, String bankCode) {
        return safely(bankCode, "session", applicationId,
                () -> call(HttpMethod.POST, "/loans/v1/facilitate/sessions/{bankCode}", Map.of(), Session.class, bankCode));
    }

    public BankReply<Simulation> simulate(String applicationId, String bankCode, String sessionId, SimulationRequest request) {
        return safely(bankCode, "simulation", applicationId,
                () -> call(HttpMethod.POST, "/loans/v1/facilitate/simulation/{sessionId}", request, Simulation.class, sessionId));
    }

    public BankReply<PreApproval> preAssess(String applicationId, String bankCode, String sessionId, PreApprovalRequest request) {
        return safely(bankCode, "pre-assessment", applicationId,
                () -> call(HttpMethod.POST, "/loans/v1/facilitate/pre-approved/{sessionId}", request, PreApproval.class, sessionId));
    }

    /** Safe to repeat: the bank refuses a second application for the order id and names the existing one. */
    public BankReply<Application> apply(String applicationId, String bankCode, String preApprovalId, ApplicationRequest request) {
        return safely(bankCode, "application", applicationId,
                () -> call(HttpMethod.POST, "/loans/v1/facilitate/application/{preApprovalId}", request, Application.class, preApprovalId));
    }

    public BankReply<LoanQuery> query(String applicationId, String bankCode, String loanReferenceId) {
        return safely(bankCode, "query", applicationId,
                () -> call(HttpMethod.GET, "/loans/v1/facilitate/query/loan/{loanReferenceId}", null, LoanQuery.class, loanReferenceId));
    }

    /** Not safe to repeat: one attempt; after a failure the caller checks the refunded total before trying again. */
    public BankReply<Refund> refund(String applicationId, String bankCode, String loanReferenceId, RefundRequest request) {
        return once(bankCode, "refund", applicationId,
                () -> call(HttpMethod.POST, "/loans/v1/facilitate/refund/{loanReferenceId}", request, Refund.class, loanReferenceId));
    }

    /** One page of the bank's report of our applications created between {@code from} and {@code to}. */
    public BankReply<Report> report(String applicationId, String bankCode, Instant from, Instant to, String referenceId,
                                    int pageNumber, int pageSize) {
        String path = "/loans/v1/facilitate/reporting?startDate={from}&endDate={to}&pageNumber={page}&pageSize={size}"
                + (referenceId == null ? "" : "&referenceId={referenceId}");
        Object[] variables = referenceId == null
                ? new Object[] {from, to, pageNumber, pageSize}
                : new Object[] {from, to, pageNumber, pageSize, referenceId};
        return safely(bankCode, "report", applicationId, () -> call(HttpMethod.GET, path, null, Report.class, variables));
    }

    public String callbackUrl() {
        return properties.callbackBaseUrl() + "/bank/callbacks";
    }

    private <T> BankReply<T> safely(String bankCode, String operation, String applicationId, Supplier<BankReply<T>> call) {
        return Retry.decorateSupplier(safeRetry, () -> once(bankCode, operation, applicationId, call)).get();
    }

    private <T> BankReply<T> once(String bankCode, String operation, String applicationId, Supplier<BankReply<T>> call) {
        CircuitBreaker breaker = circuitBreakers.circuitBreaker("bank-" + bankCode);
        long started = System.nanoTime();
        try {
            BankReply<T> reply = breaker.executeSupplier(call);
            interactions.record(applicationId, bankCode, operation, reply, elapsedMillis(started));
            return reply;
        } catch (CallNotPermittedException open) {
            interactions.recordFailure(applicationId, bankCode, operation, "CIRCUIT_OPEN", elapsedMillis(started));
            throw BankUnavailable.bankDown(bankCode, "circuit breaker for " + bankCode + " is open", open);
        } catch (BankUnavailable unavailable) {
            interactions.recordFailure(applicationId, bankCode, operation, "UNAVAILABLE", elapsedMillis(started));
            throw unavailable;
        }
    }

    private <T> BankReply<T> call(HttpMethod method, String path, Object body, Class<T> type, Object... variables) {
        String token = tokens.get();
        BankReply<T> reply = exchange(method, path, body, type, token, variables);
        if (isUnauthorized(reply)) {
            tokens.rejected(token);
            String renewed = tokens.get();
            reply = exchange(method, path, body, type, renewed, variables);
            if (isUnauthorized(reply)) {
                tokens.rejected(renewed);
                throw credentialsRefused("the bank refuses the tokens our credentials get");
            }
        }
        return reply;
    }

    /** {@code path} is a URI template, so metrics and traces group calls by endpoint, not by reference. */
    private <T> BankReply<T> exchange(HttpMethod method, String path, Object body, Class<T> type, String token,
                                      Object... variables) {
        RestClient.RequestBodySpec request = http.method(method).uri(path, variables)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON);
        if (body != null) {
            request.body(body);
        }
        try {
            return request.exchange((req, response) -> {
                HttpStatusCode status = response.getStatusCode();
                byte[] content = response.getBody().readAllBytes();
                if (status.is2xxSuccessful()) {
                    return new BankReply.Answered<>(json.readValue(content, type));
                }
                if (status.is4xxClientError()) {
                    return refusal(status.value(), content);
                }
                throw new BankUnavailable("bank answered HTTP " + status.value() + " to " + method + " " + path);
            });
        } catch (ResourceAccessException e) {
            throw neverConnected(e)
                    ? BankUnavailable.beforeSending("bank unreachable: " + method + " " + path, e)
                    : new BankUnavailable("no answer from the bank: " + method + " " + path, e);
        }
    }

    /**
     * A configuration error, not an outage of the bank: requests wait (they are retried, paced, until the credentials
     * are fixed and the gateway restarted), health is DOWN and the error is logged once.
     */
    private BankUnavailable credentialsRefused(String why) {
        if (credentialsRefusedSince == null) {
            credentialsRefusedSince = clock.instant();
            log.error("The bank refuses our credentials ({}): check BANK_USERNAME, BANK_PASSWORD, BANK_MERCHANT_NO and "
                    + "BANK_API_SECRET_KEY; bank requests wait until they work", why);
        }
        return BankUnavailable.beforeSending("the bank refuses our credentials: " + why, null);
    }

    /** When the bank began refusing our credentials, if it does. */
    public Optional<Instant> credentialsRefusedSince() {
        return Optional.ofNullable(credentialsRefusedSince);
    }

    private static boolean isUnauthorized(BankReply<?> reply) {
        return reply instanceof BankReply.Refused<?> refused && refused.httpStatus() == 401;
    }

    private String authenticate() {
        Map<String, Object> credentials = Map.of("username", properties.username(), "password", properties.password(),
                "merchantNo", properties.merchantNo(), "apiSecretKey", properties.apiSecretKey());
        try {
            return http.post().uri("/loans/authenticate").contentType(MediaType.APPLICATION_JSON).body(credentials)
                    .exchange((req, response) -> {
                        if (response.getStatusCode().is2xxSuccessful()) {
                            credentialsRefusedSince = null;
                            return json.readTree(response.getBody()).path("token").asText();
                        }
                        if (response.getStatusCode().is4xxClientError()) {
                            throw credentialsRefused("authentication refused with HTTP " + response.getStatusCode().value());
                        }
                        throw BankUnavailable.beforeSending("authentication answered HTTP "
                                + response.getStatusCode().value(), null);
                    });
        } catch (ResourceAccessException e) {
            throw BankUnavailable.beforeSending("bank unreachable while authenticating", e);
        }
    }

    private <T> BankReply.Refused<T> refusal(int status, byte[] content) throws IOException {
        ErrorBody error = content.length == 0 ? null : json.readValue(content, ErrorBody.class);
        return error == null
                ? new BankReply.Refused<>(status, "HTTP_" + status, "bank answered HTTP " + status)
                : new BankReply.Refused<>(status, error.errorCode(), error.errorMessage());
    }


    /** The request could not have reached the bank: no connection was made, or none could be had from the pool. */
    private static boolean neverConnected(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException
                    || cause instanceof ConnectionRequestTimeoutException || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
