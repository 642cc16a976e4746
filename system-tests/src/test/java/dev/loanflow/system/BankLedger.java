package dev.loanflow.system;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the bank did, read from its own ledger (the simulator's {@code /sandbox/ledger}): the fault suite's truth. */
final class BankLedger {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<String>> loansByOrder = new HashMap<>();
    private final Map<String, String> orderByLoan = new HashMap<>();
    private final Map<String, Integer> refundsByLoan = new HashMap<>();
    private final Map<String, BigDecimal> moneyByLoan = new HashMap<>();

    private BankLedger(JsonNode entries) {
        for (JsonNode entry : entries) {
            if (!entry.get("performed").asBoolean()) {
                continue;
            }
            String reference = entry.get("referenceId").asText();
            switch (entry.get("operation").asText()) {
                case "APPLICATION" -> {
                    String order = entry.get("orderId").asText();
                    loansByOrder.computeIfAbsent(order, any -> new ArrayList<>()).add(reference);
                    orderByLoan.put(reference, order);
                }
                case "REFUND" -> {
                    refundsByLoan.merge(reference, 1, Integer::sum);
                    moneyByLoan.merge(reference, entry.get("amount").decimalValue(), BigDecimal::add);
                }
                default -> { }
            }
        }
    }

    static BankLedger read(String simulatorUrl, HttpClient http) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulatorUrl + "/sandbox/ledger")).build();
        return new BankLedger(JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body()));
    }

    /** The loan applications the bank made for an order id, as the bank holds it. */
    List<String> loansFor(String bankOrderId) {
        return loansByOrder.getOrDefault(bankOrderId, List.of());
    }

    String orderOf(String loanReference) {
        return orderByLoan.get(loanReference);
    }

    int refundsExecuted(String loanReference) {
        return loanReference == null ? 0 : refundsByLoan.getOrDefault(loanReference, 0);
    }

    BigDecimal moneyRefunded(String loanReference) {
        return loanReference == null ? BigDecimal.ZERO : moneyByLoan.getOrDefault(loanReference, BigDecimal.ZERO);
    }
}
