package dev.loanflow.system;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the bank did, read from its own ledger (the simulator's {@code /sandbox/ledger}): the fault suite's truth. */
final class BankLedger {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<String>> loansByCustomer = new HashMap<>();
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
                    orderByLoan.put(reference, order);
                    loansByCustomer.computeIfAbsent(entry.get("customer").asText(), any -> new ArrayList<>()).add(reference);
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

    /**
     * The loan applications the bank made for a customer, under whatever order ids: each (merchant, order) of the
     * fault suite has a customer of its own, so more than one is more than one loan for the order.
     */
    List<String> loansOf(String nationalId) {
        try {
            String customer = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(nationalId.getBytes(StandardCharsets.UTF_8)));
            return loansByCustomer.getOrDefault(customer, List.of());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
