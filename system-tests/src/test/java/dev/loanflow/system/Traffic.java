package dev.loanflow.system;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.loanflow.infra.Platform;
import dev.loanflow.infra.testdata.ApplicationBodies;
import dev.loanflow.infra.testdata.TestData;

/**
 * A merchant's traffic as a careful client sends it: every submission carries its order id as Idempotency-Key and
 * is retried until the platform answers, approved loans get the refunds their plan asks for, and the outcome is
 * read from the platform's own database.
 */
final class Traffic {

    enum Plan {
        APPROVE("67", "APPROVED"), REFUND_ALL("68", "REFUNDED"), REFUND_PART("69", "REFUNDED_PARTIAL"),
        DECLINE("00", "PRE_APPROVAL_DECLINED"), REJECT("01", "REJECTED"), CANCEL_AT_BANK("02", "CANCELLED"),
        FAIL("04", "FAILED");

        final String gsmSuffix;
        final String finalStatus;

        Plan(String gsmSuffix, String finalStatus) {
            this.gsmSuffix = gsmSuffix;
            this.finalStatus = finalStatus;
        }

        static Plan forIndex(int index) {
            return switch (index % 10) {
                case 0, 1, 2, 3 -> APPROVE;
                case 4 -> REFUND_ALL;
                case 5 -> REFUND_PART;
                case 6 -> DECLINE;
                case 7 -> REJECT;
                case 8 -> CANCEL_AT_BANK;
                default -> FAIL;
            };
        }
    }

    record Submitted(String applicationId, String merchant, String orderId, Plan plan, String nationalId,
                     String gsmNumber, String bankCode) {

        /** The order id as the bank holds it (see the gateway's BankOrderIds). */
        String bankOrderId() {
            return merchant + ":" + orderId;
        }
    }

    record Outcome(Map<String, Integer> byStatus, List<Submitted> unsettled, Duration took) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicInteger tokensRefused = new AtomicInteger();
    private static final BigDecimal LOAN = new BigDecimal("20100.00");

    private final Platform platform;
    private final String merchant;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Set<String> refundsSent = ConcurrentHashMap.newKeySet();
    private final List<String> banks;

    Traffic(Platform platform, String merchant) {
        this(platform, merchant, List.of("AKTIFBANK"));
    }

    /** Applications go to these banks in turn. */
    Traffic(Platform platform, String merchant, List<String> banks) {
        this.platform = platform;
        this.merchant = merchant;
        this.banks = List.copyOf(banks);
    }

    /** Submits {@code count} applications from {@code threads} concurrent clients; returns once all are accepted. */
    List<Submitted> submit(int count, int threads) throws Exception {
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            orderIds.add("ORDER-" + UUID.randomUUID());
        }
        return submit(orderIds, threads);
    }

    /** Submits one application for each order id, as {@link #submit(int, int)} does. */
    List<Submitted> submit(List<String> orderIds, int threads) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Submitted>> futures = new ArrayList<>();
            for (int i = 0; i < orderIds.size(); i++) {
                Plan plan = Plan.forIndex(i);
                String orderId = orderIds.get(i);
                String bankCode = banks.get(i % banks.size());
                futures.add(clients.submit(() -> submitUntilAccepted(plan, orderId, bankCode)));
            }
            List<Submitted> submitted = new ArrayList<>();
            for (Future<Submitted> future : futures) {
                submitted.add(future.get());
            }
            return submitted;
        } finally {
            clients.shutdownNow();
        }
    }

    /** Waits until every application reached its plan's final state, sending refunds on the way. */
    Outcome settle(List<Submitted> applications, Instant since, Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        Map<String, String> statuses = Map.of();
        List<Submitted> unsettled = applications;
        while (Instant.now().isBefore(deadline)) {
            try {
                statuses = statuses(applications);
            } catch (SQLException connectionDropped) {
                Thread.sleep(250);
                continue;
            }
            for (Submitted application : applications) {
                if ("APPROVED".equals(statuses.get(application.applicationId())) && application.plan() != Plan.APPROVE
                        && !refundsSent.contains(application.applicationId())) {
                    refund(application);
                }
            }
            Map<String, String> current = statuses;
            unsettled = applications.stream()
                    .filter(application -> !application.plan().finalStatus.equals(current.get(application.applicationId())))
                    .toList();
            if (unsettled.isEmpty()) {
                break;
            }
            Thread.sleep(250);
        }
        Map<String, Integer> byStatus = new java.util.TreeMap<>();
        statuses.values().forEach(status -> byStatus.merge(status, 1, Integer::sum));
        return new Outcome(byStatus, unsettled, Duration.between(since, Instant.now()));
    }

    Map<String, String> statuses(List<Submitted> applications) throws SQLException {
        Map<String, String> statuses = new HashMap<>();
        try (Connection connection = platform.database();
             PreparedStatement query = connection.prepareStatement(
                     "select application_id, status from origination.loan_application where application_id = any(?)")) {
            query.setArray(1, connection.createArrayOf("varchar",
                    applications.stream().map(Submitted::applicationId).toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statuses.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return statuses;
    }

    private Submitted submitUntilAccepted(Plan plan, String orderId, String bankCode) throws Exception {
        String nationalId = TestData.nationalId();
        String gsmNumber = "55512345" + plan.gsmSuffix;
        Map<String, Object> body = ApplicationBodies.valid(nationalId, gsmNumber);
        body.put("orderId", orderId);
        body.put("bankCode", bankCode);
        String payload = JSON.writeValueAsString(body);
        while (true) {
            HttpResponse<String> answer = call(merchant, "POST", "/applications", payload, orderId);
            if (answer != null && (answer.statusCode() == 201 || answer.statusCode() == 200)) {
                return new Submitted(JSON.readTree(answer.body()).get("applicationId").asText(), merchant, orderId, plan,
                        nationalId, gsmNumber, bankCode);
            }
            if (answer != null && answer.statusCode() < 500 && answer.statusCode() != 401) {
                throw new IllegalStateException("submission refused: " + answer.statusCode() + " " + answer.body());
            }
            Thread.sleep(500);
        }
    }

    private void refund(Submitted application) throws Exception {
        boolean requested;
        try {
            requested = alreadyRequested(application.applicationId());
        } catch (SQLException connectionDropped) {
            return;
        }
        if (requested) {
            refundsSent.add(application.applicationId());
            return;
        }
        BigDecimal amount = application.plan() == Plan.REFUND_ALL ? LOAN : LOAN.divide(BigDecimal.valueOf(3), 2, RoundingMode.DOWN);
        HttpResponse<String> answer = call(application.merchant(), "POST",
                "/applications/" + application.applicationId() + "/refunds",
                JSON.writeValueAsString(Map.of("amount", amount)), null);
        if (answer != null && answer.statusCode() == 202) {
            refundsSent.add(application.applicationId());
        }
    }

    /** A refund request whose answer was lost may still have been taken: ask the platform before sending another. */
    private boolean alreadyRequested(String applicationId) throws SQLException {
        try (Connection connection = platform.database();
             PreparedStatement query = connection.prepareStatement("select count(*) from origination.refund where application_id = ?")) {
            query.setString(1, applicationId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1) > 0;
            }
        }
    }

    /** One HTTP call, as {@code caller}, to whichever origination instance is up; null when none answered. */
    /** How many calls the platform answered 401 (a valid token refused), since this traffic began. */
    int tokensRefused() {
        return tokensRefused.get();
    }

    private HttpResponse<String> call(String caller, String method, String path, String body, String idempotencyKey)
            throws InterruptedException {
        List<String> bases = new ArrayList<>(platform.instancesOf("origination-service").stream()
                .map(instance -> instance.baseUrl()).toList());
        Collections.shuffle(bases);
        for (String base : bases) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + platform.authorization.token(caller))
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            try {
                HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 401) {
                    tokensRefused.incrementAndGet();
                }
                return answer;
            } catch (IOException unreachable) {
                // try the next instance
            }
        }
        return null;
    }
}
