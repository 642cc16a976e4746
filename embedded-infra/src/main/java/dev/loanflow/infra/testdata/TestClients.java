package dev.loanflow.infra.testdata;

import java.util.ArrayList;
import java.util.List;

import dev.loanflow.infra.AuthorizationServer.Client;

/**
 * The clients every test JVM's authorization server knows: merchants {@code merchant-a} to {@code merchant-l} with
 * every merchant scope, {@code merchant-reader} that may only read, {@code merchant-submitter} that may only
 * submit, {@code operator} with the admin scope, and {@code gateway-operator} with the admin scope at the gateway only.
 */
public final class TestClients {

    public static final String READER = "merchant-reader";
    public static final String SUBMITTER = "merchant-submitter";
    public static final String OPERATOR = "operator";
    /** An operator whose tokens only the gateway accepts. */
    public static final String GATEWAY_OPERATOR = "gateway-operator";
    // letters, digits and dashes only: client credentials in Basic authentication are form-url-decoded
    private static final String SECRET = java.util.UUID.randomUUID().toString();

    private TestClients() {
    }

    public static List<Client> all() {
        List<Client> clients = new ArrayList<>();
        for (char letter = 'a'; letter <= 'l'; letter++) {
            clients.add(new Client("merchant-" + letter, secret("merchant-" + letter), List.of("submit", "read", "refund")));
        }
        clients.add(new Client(READER, secret(READER), List.of("read")));
        clients.add(new Client(SUBMITTER, secret(SUBMITTER), List.of("submit")));
        clients.add(new Client(OPERATOR, secret(OPERATOR), List.of("admin")));
        clients.add(new Client(GATEWAY_OPERATOR, secret(GATEWAY_OPERATOR), List.of("admin"), List.of("bank-gateway-service")));
        return clients;
    }

    /** Each client's own secret (the authorization server refuses two clients with one secret). */
    public static String secret(String clientId) {
        return SECRET + "-" + clientId;
    }
}
