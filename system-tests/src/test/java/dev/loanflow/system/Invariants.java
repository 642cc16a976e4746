package dev.loanflow.system;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.loanflow.events.ApplicationStatusChanged;
import dev.loanflow.infra.Platform;
import dev.loanflow.schemas.Topic;

/**
 * What must hold after every scenario, whatever the fault: nothing lost, the bank holds one loan per (merchant,
 * order) and each of our applications holds its own, each refund ran once at the bank, the bank's money and state
 * agree with ours, money adds up, and each application's history on Kafka is its stored history, in order, with no
 * effect twice. What the bank did is counted from its own ledger, never from our audit rows.
 */
final class Invariants {

    /**
     * @param loansPerOrderAboveOne    (merchant, order) pairs for which the bank made more than one loan application,
     *                                 under any order id: counted by the order's customer
     * @param loansOfAnotherOrder      applications of ours holding a bank loan made for another (merchant, order)
     * @param refundCallsMismatched    applications whose refunds executed at the bank differ in number from ours done
     * @param refundedMoneyMismatched  applications whose money refunded at the bank differs from ours
     * @param stateDisagreements       settled applications whose state the bank's contradicts
     */
    record Violations(int lost, int unsettled, int loansPerOrderAboveOne, int loansOfAnotherOrder,
                      int refundCallsMismatched, int refundedMoneyMismatched, int stateDisagreements, int moneyErrors,
                      int historyMismatches, int duplicatedTransitions) {

        boolean none() {
            return lost + unsettled + loansPerOrderAboveOne + loansOfAnotherOrder + refundCallsMismatched
                    + refundedMoneyMismatched + stateDisagreements + moneyErrors + historyMismatches
                    + duplicatedTransitions == 0;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Platform platform;
    private final HttpClient http = HttpClient.newHttpClient();

    Invariants(Platform platform) {
        this.platform = platform;
    }

    Violations check(List<Traffic.Submitted> applications, Traffic.Outcome outcome) throws Exception {
        Map<String, Row> rows = rows(applications);
        Map<String, List<String>> stored = storedHistories(applications);
        Map<String, List<String>> published = publishedHistories(new HashSet<>(rows.keySet()));
        BankLedger ledger = BankLedger.read(platform.simulator.baseUrl(), http);
        int lost = (int) applications.stream().filter(a -> !rows.containsKey(a.applicationId())).count();
        int loansPerOrderAboveOne = 0;
        int loansOfAnotherOrder = 0;
        int refundCallsMismatched = 0;
        int refundedMoneyMismatched = 0;
        int stateDisagreements = 0;
        int moneyErrors = 0;
        for (Traffic.Submitted application : applications) {
            if (ledger.loansOf(application.nationalId()).size() > 1) {
                loansPerOrderAboveOne++;
            }
            Row row = rows.get(application.applicationId());
            if (row == null) {
                continue;
            }
            if (row.loanReference() != null && !application.bankOrderId().equals(ledger.orderOf(row.loanReference()))) {
                loansOfAnotherOrder++;
            }
            if (ledger.refundsExecuted(row.loanReference()) != row.refundsDone()) {
                refundCallsMismatched++;
            }
            if (ledger.moneyRefunded(row.loanReference()).compareTo(row.refunded()) != 0
                    || row.refunded().compareTo(row.completedRefunds()) != 0) {
                refundedMoneyMismatched++;
            }
            if (disagrees(row, bank(application.bankOrderId()))) {
                stateDisagreements++;
            }
            if (!moneyAddsUp(row)) {
                moneyErrors++;
            }
        }
        int historyMismatches = 0;
        for (Map.Entry<String, List<String>> history : stored.entrySet()) {
            if (!history.getValue().equals(published.getOrDefault(history.getKey(), List.of()))) {
                historyMismatches++;
            }
        }
        int duplicatedTransitions = transitionsCausedTwice(applications);
        return new Violations(lost, outcome.unsettled().size(), loansPerOrderAboveOne, loansOfAnotherOrder,
                refundCallsMismatched, refundedMoneyMismatched, stateDisagreements, moneyErrors, historyMismatches,
                duplicatedTransitions);
    }

    /** A settled application whose loan the bank shows in another final state, or a loan the bank holds that we lack. */
    private static boolean disagrees(Row row, JsonNode atBank) {
        String ours = row.status();
        if (atBank.size() != 1) {
            return ours.equals("APPROVED") || ours.startsWith("REFUNDED");
        }
        String theirs = atBank.get(0).get("status").asText();
        return switch (ours) {
            case "NEW", "PRE_APPROVED", "STARTED" -> false;
            case "PRE_APPROVAL_DECLINED" -> true;
            default -> !ours.equals(theirs);
        };
    }

    private record Row(String status, BigDecimal loan, BigDecimal refunded, BigDecimal completedRefunds,
                       int refundsDone, String loanReference) {
    }

    private boolean moneyAddsUp(Row row) throws Exception {
        boolean refundsWithinLoan = row.refunded().signum() >= 0 && row.refunded().compareTo(row.loan()) <= 0;
        boolean statusMatchesMoney = switch (row.status()) {
            case "REFUNDED" -> row.refunded().compareTo(row.loan()) == 0;
            case "REFUNDED_PARTIAL" -> row.refunded().signum() > 0 && row.refunded().compareTo(row.loan()) < 0;
            default -> row.refunded().signum() == 0;
        };
        return refundsWithinLoan && statusMatchesMoney;
    }

    /** The payment plan of an approved loan: its installments add up to its total. */
    boolean paymentPlanAddsUp(String applicationId, String merchant) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.originationUrl() + "/applications/" + applicationId))
                .header("Authorization", "Bearer " + platform.authorization.token(merchant)).build();
        JsonNode plan = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).get("paymentPlan");
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode installment : plan.get("installments")) {
            sum = sum.add(installment.get("amount").decimalValue());
        }
        return sum.compareTo(plan.get("totalPaymentAmount").decimalValue()) == 0;
    }

    private Map<String, Row> rows(List<Traffic.Submitted> applications) throws Exception {
        Map<String, Row> rows = new HashMap<>();
        try (Connection connection = platform.database();
             PreparedStatement query = connection.prepareStatement("""
                     select a.application_id, a.status, a.loan_amount, a.refunded_total,
                            coalesce((select sum(r.amount) from origination.refund r
                                      where r.application_id = a.application_id and r.status = 'DONE'), 0),
                            (select count(*) from origination.refund r
                              where r.application_id = a.application_id and r.status = 'DONE'),
                            a.loan_reference_id
                     from origination.loan_application a where a.application_id = any(?)""")) {
            query.setArray(1, connection.createArrayOf("varchar", ids(applications)));
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), new Row(result.getString(2), result.getBigDecimal(3),
                            result.getBigDecimal(4), result.getBigDecimal(5), result.getInt(6), result.getString(7)));
                }
            }
        }
        return rows;
    }

    private Map<String, List<String>> storedHistories(List<Traffic.Submitted> applications) throws Exception {
        Map<String, List<String>> histories = new LinkedHashMap<>();
        try (Connection connection = platform.database();
             PreparedStatement query = connection.prepareStatement("select application_id, to_status from "
                     + "origination.application_transition where application_id = any(?) order by id")) {
            query.setArray(1, connection.createArrayOf("varchar", ids(applications)));
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    histories.computeIfAbsent(result.getString(1), id -> new ArrayList<>()).add(result.getString(2));
                }
            }
        }
        return histories;
    }

    /** Transitions caused by one and the same event more than once: a redelivered event applied twice. */
    private int transitionsCausedTwice(List<Traffic.Submitted> applications) throws Exception {
        try (Connection connection = platform.database();
             PreparedStatement query = connection.prepareStatement("""
                     select count(*) from (select application_id, caused_by from origination.application_transition
                       where application_id = any(?) and caused_by is not null
                       group by application_id, caused_by having count(*) > 1) twice""")) {
            query.setArray(1, connection.createArrayOf("varchar", ids(applications)));
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    /**
     * The lifecycle topic read from the start; a redelivered event (same event id) counts once, and records that are
     * not our events (the poison tests put some there) are skipped.
     */
    private Map<String, List<String>> publishedHistories(Set<String> applicationIds) {
        Map<String, List<String>> histories = new HashMap<>();
        Set<String> seenEvents = new HashSet<>();
        try (Topics topics = new Topics(platform)) {
            for (ConsumerRecord<String, byte[]> record : topics.untilEnd(Topic.LIFECYCLE.topicName())) {
                if (topics.event(record) instanceof ApplicationStatusChanged change
                        && applicationIds.contains(change.getMetadata().getApplicationId())
                        && seenEvents.add(change.getMetadata().getEventId())) {
                    histories.computeIfAbsent(change.getMetadata().getApplicationId(), id -> new ArrayList<>())
                            .add(change.getStatus().name());
                }
            }
        }
        return histories;
    }

    private JsonNode bank(String bankOrderId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.simulator.baseUrl()
                + "/sandbox/applications?orderId=" + URLEncoder.encode(bankOrderId, StandardCharsets.UTF_8))).build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private static Object[] ids(List<Traffic.Submitted> applications) {
        return applications.stream().map(Traffic.Submitted::applicationId).collect(Collectors.toList()).toArray();
    }
}
