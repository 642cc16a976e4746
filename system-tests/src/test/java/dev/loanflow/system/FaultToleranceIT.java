package dev.loanflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.loanflow.infra.Platform;
import dev.loanflow.infra.SpringBootProcess;
import dev.loanflow.infra.testdata.TestClients;
import dev.loanflow.schemas.Topic;
import dev.loanflow.schemas.UpstreamPublishers;

/**
 * Faults while a few hundred applications are in flight, all services running together on real infrastructure.
 * Invariant, after every scenario: every application reaches the final state its customer's choices imply, none is
 * lost, the bank holds one application per order and executes each refund once, money adds up, and each
 * application's lifecycle on Kafka equals its stored history. Each scenario reports its counts (target/fault-report.md).
 * {@code -Dloanflow.faults.applications=N} changes how many applications each scenario sends (default 200),
 * {@code -Dloanflow.faults.bank-outage=60s} how long the bank is down (default 20 s).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {

    private static final int APPLICATIONS = Integer.getInteger("loanflow.faults.applications", 200);
    private static final Duration BANK_OUTAGE = Duration.parse("PT" + System.getProperty("loanflow.faults.bank-outage", "20s"));
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final String MERCHANT = "merchant-a";
    private static final String OTHER_MERCHANT = "merchant-c";
    private static final String DOWN_BANK = "QNB";

    private final Platform platform = SharedPlatform.get();
    private final Traffic traffic = new Traffic(platform, MERCHANT);
    private final Traffic otherMerchant = new Traffic(platform, OTHER_MERCHANT);
    private final Invariants invariants = new Invariants(platform);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void calmTheBank() throws Exception {
        simulator("DELETE", "/sandbox/faults", null);
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void bankLatencyErrorsTimeoutsTokenExpiryLostAndDuplicateCallbacksAndAnOutage() throws Exception {
        simulator("PUT", "/sandbox/faults", """
                {"latencyMillis":50,"latencyJitterMillis":250,"errorRate":0.1,"timeoutRate":0.03,"timeoutMillis":2000,
                 "lostCallbackRate":0.2,"duplicateCallbackRate":0.2}""");
        Instant start = Instant.now();
        CompletableFuture<List<Traffic.Submitted>> submitting = submitInBackground();
        pause(Duration.ofSeconds(3));
        simulator("POST", "/sandbox/tokens/expire", "{}");
        simulator("PUT", "/sandbox/faults", "{\"errorRate\":1.0}");
        pause(BANK_OUTAGE);
        Instant bankBack = Instant.now();
        simulator("PUT", "/sandbox/faults", "{\"latencyMillis\":50,\"latencyJitterMillis\":250,\"errorRate\":0.1,"
                + "\"lostCallbackRate\":0.2,\"duplicateCallbackRate\":0.2}");

        settleAndCheck("bank: latency, 10 % 5xx, time-outs, token expiry, lost and duplicate callbacks, down "
                + BANK_OUTAGE.toSeconds() + " s", submitting.get(), start, bankBack);
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void eachServiceKilledHardMidFlowAndRestarted() throws Exception {
        Instant start = Instant.now();
        CompletableFuture<List<Traffic.Submitted>> submitting = submitInBackground();
        Instant back = null;
        for (String service : List.of("bank-gateway-service", "origination-service", "notification-service")) {
            pause(Duration.ofSeconds(2));
            SpringBootProcess process = platform.service(service);
            process.kill();
            pause(Duration.ofSeconds(2));
            process.restart().awaitHealthy(Platform.STARTUP);
            back = Instant.now();
        }

        settleAndCheck("services: gateway, origination and notifications each killed (SIGKILL) mid-flow and restarted",
                submitting.get(), start, back);
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void twoInstancesOfEachServiceOneKilledDuringARebalance() throws Exception {
        List<SpringBootProcess> seconds = List.of(platform.addInstance("origination-service"),
                platform.addInstance("bank-gateway-service"), platform.addInstance("notification-service"));
        Instant start = Instant.now();
        CompletableFuture<List<Traffic.Submitted>> submitting = submitInBackground();
        pause(Duration.ofSeconds(3));
        SpringBootProcess original = platform.service("bank-gateway-service");
        SpringBootProcess joining = platform.addInstanceInBackground("bank-gateway-service");
        original.kill();
        joining.awaitHealthy(Platform.STARTUP);
        original.restart().awaitHealthy(Platform.STARTUP);
        Instant back = Instant.now();

        try {
            settleAndCheck("services: two instances each; a gateway killed (SIGKILL) while a third joins (rebalance), "
                    + "then restarted", submitting.get(), start, back);
        } finally {
            platform.removeInstance(joining);
            seconds.forEach(platform::removeInstance);
        }
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void kafkaBrokerKilledAndRestartedWithApplicationsInFlight() throws Exception {
        underFault("Kafka: the broker killed (SIGKILL) for 10 s with applications in flight, then restarted",
                Duration.ofSeconds(4), () -> {
                    platform.kafka.kill();
                    pause(Duration.ofSeconds(10));
                    platform.kafka.restart();
                });
    }

    @Test
    @org.junit.jupiter.api.Order(5)
    void databaseConnectionsDroppedMidTransaction() throws Exception {
        Instant start = Instant.now();
        CompletableFuture<List<Traffic.Submitted>> submitting = submitInBackground();
        int dropped = 0;
        for (int round = 0; round < 8; round++) {
            pause(Duration.ofMillis(1500));
            dropped += dropServiceConnections();
        }
        Instant back = Instant.now();
        System.out.println("[fault-report] PostgreSQL connections terminated: " + dropped);

        assertThat(dropped).isPositive();
        settleAndCheck("PostgreSQL: every service connection terminated 8 times, 1.5 s apart (" + dropped + " in all)",
                submitting.get(), start, back);
    }

    /**
     * PostgreSQL stops answering for a minute (every process of it frozen, connections open): the REST API answers 503
     * at once, consumers pause and retry, nothing is dead-lettered, and everything finishes once it answers again.
     */
    @Test
    @org.junit.jupiter.api.Order(6)
    void databaseStopsAnsweringForAMinuteMidFlow() throws Exception {
        underFault("PostgreSQL: stops answering for 60 s mid-flow (every process frozen)", Duration.ofSeconds(3), () -> {
            platform.postgres.freeze();
            try {
                pause(Duration.ofSeconds(60));
            } finally {
                platform.postgres.thaw();
            }
        });
    }

    /**
     * The registry keeps its schemas in PostgreSQL: restarted mid-flow, it answers every id as before, so the services
     * that cached their schemas, a service restarted after it, and the invariants' fresh consumer all read every record.
     */
    @Test
    @org.junit.jupiter.api.Order(7)
    void schemaRegistryRestartedMidFlowThenAServiceRestarted() throws Exception {
        underFault("registry: restarted mid-flow, then notifications killed and restarted", Duration.ofSeconds(3), () -> {
            platform.restartRegistry();
            SpringBootProcess notifications = platform.service("notification-service");
            notifications.kill();
            notifications.restart().awaitHealthy(Platform.STARTUP);
        });
    }

    @Test
    @org.junit.jupiter.api.Order(8)
    void bankActsAndItsAnswerIsLostForTwoMerchantsSharingEveryOrderId() throws Exception {
        simulator("PUT", "/sandbox/faults", """
                {"ambiguousRate":0.1,"ambiguousDelayMillis":12000,"lostCallbackRate":0.1,"duplicateCallbackRate":0.1}""");
        Instant start = Instant.now();
        List<String> orderIds = newOrderIds(APPLICATIONS / 2);
        CompletableFuture<List<Traffic.Submitted>> first = CompletableFuture.supplyAsync(() -> submitted(traffic, orderIds));
        CompletableFuture<List<Traffic.Submitted>> second =
                CompletableFuture.supplyAsync(() -> submitted(otherMerchant, orderIds));
        List<Traffic.Submitted> submitted = new ArrayList<>(first.get());
        submitted.addAll(second.get());
        pause(Duration.ofSeconds(20));
        simulator("PUT", "/sandbox/faults", "{\"lostCallbackRate\":0.1,\"duplicateCallbackRate\":0.1}");
        Instant faultEnded = Instant.now();

        settleAndCheck("bank: it acts and its answer is lost (connection dropped, answered late, 5xx, slow) on 10 % of "
                + "pre-assessments, applications and refunds, lost and duplicate callbacks; two merchants share every "
                + "order id", submitted, start, faultEnded);
    }

    /**
     * The authorization server goes away for 30 s mid-flow, longer than the services cache its keys here (5 s): no new
     * token can be had, but every token already issued is still accepted, so merchants go on submitting.
     */
    @Test
    @org.junit.jupiter.api.Order(9)
    void authorizationServerStoppedMidFlow() throws Exception {
        int refusedBefore = traffic.tokensRefused();
        underFault("authorization server: stopped for 30 s mid-flow, then restarted", Duration.ofSeconds(3), () -> {
            platform.authorization.renewTokens();
            platform.authorization.stop();
            try {
                pause(Duration.ofSeconds(30));
            } finally {
                platform.authorization.restart();
            }
        });

        assertThat(traffic.tokensRefused() - refusedBefore).as("valid tokens refused during the outage").isZero();
    }

    /**
     * One bank behind the facilitator stops answering while applications go to three banks, for as long as the bank
     * outage of the first scenario or until the other banks' applications are decided, whichever is longer: its
     * requests wait in the gateway, the other banks' applications go on to their decisions meanwhile, and every
     * application finishes once it is back.
     */
    @Test
    @org.junit.jupiter.api.Order(10)
    void oneBankDownWhileTheOtherBanksApplicationsGoOn() throws Exception {
        Traffic threeBanks = new Traffic(platform, MERCHANT, List.of("AKTIFBANK", DOWN_BANK, "GARANTIBBVA"));
        simulator("PUT", "/sandbox/banks/" + DOWN_BANK + "/outage", null);
        Instant start = Instant.now();
        List<Traffic.Submitted> submitted;
        List<Traffic.Submitted> approvedElsewhere;
        Map<String, String> duringTheOutage;
        try {
            submitted = threeBanks.submit(APPLICATIONS, 8);
            approvedElsewhere = submitted.stream()
                    .filter(application -> application.plan() == Traffic.Plan.APPROVE)
                    .filter(application -> !DOWN_BANK.equals(application.bankCode())).toList();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            do {
                pause(Duration.ofSeconds(1));
                duringTheOutage = threeBanks.statuses(submitted);
            } while (Instant.now().isBefore(deadline) && (Instant.now().isBefore(start.plus(BANK_OUTAGE))
                    || !allApproved(approvedElsewhere, duringTheOutage)));
        } finally {
            simulator("DELETE", "/sandbox/banks/" + DOWN_BANK + "/outage", null);
        }
        Instant back = Instant.now();
        Map<String, String> statuses = duringTheOutage;
        long atTheDownBankDecided = submitted.stream().filter(application -> DOWN_BANK.equals(application.bankCode()))
                .filter(application -> "APPROVED".equals(statuses.get(application.applicationId()))).count();
        System.out.printf("[fault-report] %s down %d s: %d of %d applications to be approved at the other banks "
                        + "were approved meanwhile, %d at %s%n", DOWN_BANK, Duration.between(start, back).toSeconds(),
                approvedElsewhere.stream().filter(application -> "APPROVED".equals(statuses.get(application.applicationId())))
                        .count(), approvedElsewhere.size(), atTheDownBankDecided, DOWN_BANK);

        assertThat(allApproved(approvedElsewhere, statuses)).as("the other banks' applications approved while "
                + DOWN_BANK + " was down").isTrue();
        assertThat(atTheDownBankDecided).isZero();
        settleAndCheck("bank: one of three banks (" + DOWN_BANK + ") down until the other banks' applications were "
                + "decided (" + Duration.between(start, back).toSeconds() + " s)", submitted, start, back);
    }

    private static boolean allApproved(List<Traffic.Submitted> applications, Map<String, String> statuses) {
        return applications.stream().allMatch(application -> "APPROVED".equals(statuses.get(application.applicationId())));
    }

    /**
     * The invariants that guard money are seen failing: the gateway runs with its fixes switched off (order ids
     * shared by merchants at the bank, a refund re-sent when its answer was lost) while every refund takes longer at
     * the bank than the gateway waits. Not a fault scenario: nothing here is expected to hold.
     */
    @Test
    @org.junit.jupiter.api.Order(11)
    void theInvariantsCatchTheDefectsTheyGuardAgainst() throws Exception {
        withSeededDefects(Map.of("LOANFLOW_TEST_SEEDEDDEFECTS_REFUNDRESENTAFTERLOSTANSWER", "true",
                "LOANFLOW_TEST_SEEDEDDEFECTS_ORDERIDSSHARED", "true"), () -> {
            Instant start = Instant.now();
            List<String> orderIds = newOrderIds(20);
            List<Traffic.Submitted> submitted = new ArrayList<>(traffic.submit(orderIds, 4));
            List<Traffic.Submitted> refunding = submitted.stream()
                    .filter(a -> a.plan() == Traffic.Plan.REFUND_PART || a.plan() == Traffic.Plan.REFUND_ALL).toList();
            awaitApproval(refunding);
            simulator("PUT", "/sandbox/faults", """
                    {"ambiguousNext":%d,"ambiguousAnswer":"SLOW","ambiguousDelayMillis":12000}""".formatted(refunding.size()));
            traffic.settle(submitted, start, Duration.ofSeconds(60));
            submitted.addAll(otherMerchant.submit(orderIds, 4));
            Traffic.Outcome outcome = traffic.settle(submitted, start, Duration.ofSeconds(30));
            Invariants.Violations violations = invariants.check(submitted, outcome);
            System.out.println("[fault-report] seeded defects (shared order ids, refunds re-sent): " + violations);

            assertThat(violations.unsettled()).as("the second merchant's orders never get their loans").isPositive();
            assertThat(violations.loansOfAnotherOrder()).as("loans the bank holds under no merchant's order").isPositive();
            assertThat(violations.stateDisagreements()).as("approvals the bank does not show for the order").isPositive();
            assertThat(violations.refundCallsMismatched()).as("refunds executed more often at the bank").isPositive();
            assertThat(violations.refundedMoneyMismatched()).as("more money refunded at the bank").isPositive();
        });
    }

    /**
     * The loan count is seen failing: the gateway starts the bank's journey over under a fresh order id when the bank
     * refuses an application as a duplicate (instead of adopting the loan our lost call made), while the answers of
     * 30 % of the calls that change the bank are lost until every application went past the bank application.
     */
    @Test
    @org.junit.jupiter.api.Order(12)
    void theLoanCountCatchesAJourneyStartedOverAfterALostAnswer() throws Exception {
        withSeededDefects(Map.of("LOANFLOW_TEST_SEEDEDDEFECTS_JOURNEYRESTARTEDAFTERLOSTANSWER", "true"), () -> {
            Instant start = Instant.now();
            simulator("PUT", "/sandbox/faults", """
                    {"ambiguousRate":0.3,"ambiguousAnswer":"DROP"}""");
            List<Traffic.Submitted> submitted = traffic.submit(newOrderIds(20), 4);
            // the restarted gateway gets its partitions only once the killed one's session has expired (about a minute)
            Instant deadline = Instant.now().plusSeconds(150);
            while (Instant.now().isBefore(deadline) && traffic.statuses(submitted).values().stream()
                    .anyMatch(status -> status.equals("NEW") || status.equals("PRE_APPROVED"))) {
                pause(Duration.ofMillis(500));
            }
            simulator("DELETE", "/sandbox/faults", null);
            Traffic.Outcome outcome = traffic.settle(submitted, start, Duration.ofSeconds(90));
            Invariants.Violations violations = invariants.check(submitted, outcome);
            System.out.println("[fault-report] seeded defect (journey started over after a lost answer): " + violations);

            assertThat(violations.loansPerOrderAboveOne()).as("orders whose customer got a second loan").isPositive();
        });
    }

    /**
     * The count of lost applications is seen failing: origination answers 201 to a submission whose transaction
     * failed, while every database connection is terminated a few times.
     */
    @Test
    @org.junit.jupiter.api.Order(13)
    void theLostCountCatchesSubmissionsAnsweredButNeverStored() throws Exception {
        withSeededDefects("origination-service", Map.of("LOANFLOW_TEST_SEEDEDDEFECTS_STOREFAILURESANSWEREDCREATED", "true"),
                () -> {
                    Instant start = Instant.now();
                    CompletableFuture<List<Traffic.Submitted>> submitting = CompletableFuture.supplyAsync(() -> {
                        try {
                            return traffic.submit(newOrderIds(100), 8);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    while (!submitting.isDone()) {
                        pause(Duration.ofMillis(150));
                        dropServiceConnections();
                    }
                    List<Traffic.Submitted> submitted = submitting.get();
                    Traffic.Outcome outcome = traffic.settle(submitted, start, Duration.ofSeconds(30));
                    Invariants.Violations violations = invariants.check(submitted, outcome);
                    System.out.println("[fault-report] seeded defect (store failures answered 201): " + violations);

                    assertThat(violations.lost()).as("applications answered 201 and never stored").isPositive();
                });
    }

    /** Applications submitted in the background, the fault once they are under way, then the invariants. */
    private void underFault(String scenario, Duration underWay, Run fault) throws Exception {
        Instant start = Instant.now();
        CompletableFuture<List<Traffic.Submitted>> submitting = submitInBackground();
        pause(underWay);
        fault.run();
        settleAndCheck(scenario, submitting.get(), start, Instant.now());
    }

    private interface Run {
        void run() throws Exception;
    }

    /** Runs with the gateway restarted with fixes switched off, and restarts it as it was afterwards. */
    private void withSeededDefects(Map<String, String> defects, Run run) throws Exception {
        withSeededDefects("bank-gateway-service", defects, run);
    }

    private void withSeededDefects(String serviceName, Map<String, String> defects, Run run) throws Exception {
        SpringBootProcess service = platform.service(serviceName);
        service.kill();
        service.withEnvironment(defects).restart().awaitHealthy(Platform.STARTUP);
        try {
            run.run();
        } finally {
            simulator("DELETE", "/sandbox/faults", null);
            service.kill();
            service.withoutEnvironment(defects.keySet()).restart().awaitHealthy(Platform.STARTUP);
        }
    }

    private static List<String> newOrderIds(int count) {
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            orderIds.add("ORDER-" + UUID.randomUUID());
        }
        return orderIds;
    }

    private void awaitApproval(List<Traffic.Submitted> applications) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)
                && !traffic.statuses(applications).values().stream().allMatch("APPROVED"::equals)) {
            pause(Duration.ofMillis(250));
        }
    }

    private static List<Traffic.Submitted> submitted(Traffic merchant, List<String> orderIds) {
        try {
            return merchant.submit(orderIds, 4);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private CompletableFuture<List<Traffic.Submitted>> submitInBackground() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return traffic.submit(APPLICATIONS, 8);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void settleAndCheck(String scenario, List<Traffic.Submitted> submitted, Instant start, Instant faultEnded)
            throws Exception {
        Traffic.Outcome outcome = traffic.settle(submitted, start, PATIENCE);
        Invariants.Violations violations = invariants.check(submitted, outcome);
        Duration recovery = Duration.between(faultEnded, start.plus(outcome.took()));
        ScenarioReport.record(scenario, submitted.size(), outcome, violations, recovery);

        assertThat(violations.none()).as(scenario + ": " + violations).isTrue();
        assertThat(invariants.paymentPlanAddsUp(firstApproved(submitted), MERCHANT)).isTrue();
        assertThat(deadLettersOf(submitted)).as(scenario + ": records of its applications dead-lettered").isZero();
        JsonNode agreement = opsDashboardsAgreementWithTheBank();
        assertThat(agreement.get("unavailable").isNull()).as("the ops page reads the gateway: " + agreement).isTrue();
        assertThat(agreement.get("uncertainRefunds")).as("refunds left for an operator").isEmpty();
    }

    /** Records of these applications on any dead-letter topic: a fault must pause consumers, never dead-letter. */
    private long deadLettersOf(List<Traffic.Submitted> applications) {
        Set<String> ids = applications.stream().map(Traffic.Submitted::applicationId).collect(Collectors.toSet());
        try (Topics topics = new Topics(platform)) {
            return Topic.allNames(UpstreamPublishers.parse(SharedPlatform.PUBLISHERS), true).stream()
                    .filter(name -> name.endsWith(Topic.DEAD_LETTER_SUFFIX)).flatMap(name -> topics.untilEnd(name).stream())
                    .filter(record -> ids.contains(record.key())).count();
        }
    }

    /** What the ops page shows of the agreement with the bank, read through origination as the page does. */
    private JsonNode opsDashboardsAgreementWithTheBank() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.originationUrl() + "/ops/bank-agreement"))
                .header("Authorization", "Bearer " + platform.authorization.token(TestClients.OPERATOR)).build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return new ObjectMapper().readTree(answer.body());
    }

    private String firstApproved(List<Traffic.Submitted> submitted) {
        return submitted.stream().filter(a -> a.plan() == Traffic.Plan.APPROVE && MERCHANT.equals(a.merchant()))
                .findFirst().orElseThrow().applicationId();
    }

    private int dropServiceConnections() throws Exception {
        try (Connection connection = platform.database(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity "
                     + "where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'")) {
            result.next();
            return result.getInt(1);
        }
    }

    private void simulator(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.simulator.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isLessThan(300);
    }

    private static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
