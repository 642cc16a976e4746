package dev.loanflow.system;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * What must hold after every scenario, whatever the fault: nothing lost, the bank holds one application per order,
 * money adds up, and each application's history on Kafka is its stored history, in order, with no effect twice.
 */
final class Invariants {

    record Violations(int lost, int unsettled, int bankApplicationsDuplicated, int refundMismatches, int moneyErrors,
                      int historyMismatches, int duplicatedTransitions) {

        boolean none() {
            return lost + unsettled + bankApplicationsDuplicated + refundMismatches + moneyErrors + historyMismatches
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
        int lost = (int) applications.stream().filter(a -> !rows.containsKey(a.applicationId())).count();
        int duplicatedAtBank = 0;
        int refundMismatches = 0;
        int moneyErrors = 0;
        for (Traffic.Submitted application : applications) {
            Row row = rows.get(application.applicationId());
            JsonNode atBank = bank(application.orderId());
            if (atBank.size() > 1) {
                duplicatedAtBank++;
            }
            if (row == null) {
                continue;
            }
            BigDecimal bankRefunded = atBank.size() == 1 && !atBank.get(0).get("refundedTotal").isNull()
                    ? atBank.get(0).get("refundedTotal").decimalValue() : BigDecimal.ZERO;
            if (bankRefunded.compareTo(row.refunded()) != 0 || row.refunded().compareTo(row.completedRefunds()) != 0) {
                refundMismatches++;
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
        return new Violations(lost, outcome.unsettled().size(), duplicatedAtBank, refundMismatches, moneyErrors,
                historyMismatches, duplicatedTransitions);
    }

    private record Row(String status, BigDecimal loan, BigDecimal refunded, BigDecimal completedRefunds) {
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
                                      where r.application_id = a.application_id and r.status = 'DONE'), 0)
                     from origination.loan_application a where a.application_id = any(?)""")) {
            query.setArray(1, connection.createArrayOf("varchar", ids(applications)));
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), new Row(result.getString(2), result.getBigDecimal(3),
                            result.getBigDecimal(4), result.getBigDecimal(5)));
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

    private JsonNode bank(String orderId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.simulator.baseUrl()
                + "/sandbox/applications?orderId=" + orderId)).build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private static Object[] ids(List<Traffic.Submitted> applications) {
        return applications.stream().map(Traffic.Submitted::applicationId).collect(Collectors.toList()).toArray();
    }
}
