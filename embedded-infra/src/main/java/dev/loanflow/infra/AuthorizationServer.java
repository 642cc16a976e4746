package dev.loanflow.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's real authorization server (Spring Authorization Server) run from its jar as a child JVM, with the
 * clients it is given, and a client-credentials token fetcher that caches each token until shortly before expiry.
 */
public final class AuthorizationServer implements AutoCloseable {

    /** @param audiences the services that accept its tokens, when not those of its scopes */
    public record Client(String id, String secret, List<String> scopes, List<String> audiences) {

        public Client(String id, String secret, List<String> scopes) {
            this(id, secret, scopes, List.of());
        }

        List<String> arguments() {
            String prefix = "--spring.security.oauth2.authorizationserver.client." + id + ".registration.";
            List<String> arguments = new ArrayList<>(List.of(prefix + "client-id=" + id,
                    prefix + "client-secret={noop}" + secret, prefix + "client-authentication-methods=client_secret_basic",
                    prefix + "authorization-grant-types=client_credentials", prefix + "scopes=" + String.join(",", scopes)));
            if (!audiences.isEmpty()) {
                arguments.add("--loanflow.auth.client-audiences." + id + "=" + String.join(",", audiences));
            }
            return arguments;
        }
    }

    private record CachedToken(String value, Instant refreshAfter, Instant expiresAt) {
    }

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)");

    private final SpringBootProcess process;
    private final Map<String, Client> clients;
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AuthorizationServer(SpringBootProcess process, Map<String, Client> clients) {
        this.process = process;
        this.clients = clients;
    }

    public static AuthorizationServer start(Path jar, int port, List<Client> clients, Path log) {
        return start(jar, port, clients, List.of(), log);
    }

    /** With further settings, e.g. a client's token lifetime. */
    public static AuthorizationServer start(Path jar, int port, List<Client> clients, List<String> settings, Path log) {
        List<String> arguments = new ArrayList<>(settings);
        clients.forEach(client -> arguments.addAll(client.arguments()));
        SpringBootProcess process = SpringBootProcess.start("authorization-server", jar, port,
                Map.of("AUTH_ISSUER", "http://localhost:" + port), arguments, log).awaitHealthy(Duration.ofSeconds(90));
        Map<String, Client> byId = new ConcurrentHashMap<>();
        clients.forEach(client -> byId.put(client.id(), client));
        return new AuthorizationServer(process, byId);
    }

    public String issuer() {
        return process.baseUrl();
    }

    /** An access token for one of this server's clients, with the scopes asked for (all of the client's if none). */
    public String token(String clientId, String... scopes) {
        Client client = clients.get(clientId);
        if (client == null) {
            throw new IllegalArgumentException("no client " + clientId + " registered");
        }
        String key = clientId + " " + String.join(" ", scopes);
        CachedToken cached = tokens.get(key);
        if (cached != null && Instant.now().isBefore(cached.refreshAfter())) {
            return cached.value();
        }
        CachedToken fresh;
        try {
            fresh = fetch(client, scopes.length == 0 ? client.scopes() : List.of(scopes));
        } catch (IllegalStateException serverDown) {
            // as a client would: a token not expired yet is still good while the server cannot issue another
            if (cached != null && Instant.now().isBefore(cached.expiresAt())) {
                return cached.value();
            }
            throw serverDown;
        }
        tokens.put(key, fresh);
        return fresh.value();
    }

    /** Fetches every token handed out before, anew, as clients renew ahead of a planned stop. */
    public void renewTokens() {
        tokens.replaceAll((key, cached) -> {
            String[] parts = key.split(" ");
            Client client = clients.get(parts[0]);
            List<String> scopes = parts.length == 1 ? client.scopes() : List.of(parts).subList(1, parts.length);
            return fetch(client, scopes);
        });
    }

    /** Stops the server as an outage would (SIGKILL). Tokens already issued stay valid until they expire. */
    public void stop() {
        process.kill();
    }

    /** Starts it again, with the same clients and signing keys. */
    public void restart() {
        process.restart().awaitHealthy(Duration.ofSeconds(90));
    }

    /** The raw answer of the token endpoint, for tests of refusals. */
    public HttpResponse<String> requestToken(String clientId, String secret, String scope) {
        String credentials = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/oauth2/token"))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + scope.replace(" ", "%20")))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("token endpoint unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private CachedToken fetch(Client client, List<String> scopes) {
        HttpResponse<String> response = requestToken(client.id(), client.secret(), String.join(" ", scopes));
        Matcher token = ACCESS_TOKEN.matcher(response.body());
        Matcher expiresIn = EXPIRES_IN.matcher(response.body());
        if (response.statusCode() != 200 || !token.find() || !expiresIn.find()) {
            throw new IllegalStateException("no token for " + client.id() + ": " + response.statusCode() + " " + response.body());
        }
        long seconds = Long.parseLong(expiresIn.group(1));
        Instant now = Instant.now();
        return new CachedToken(token.group(1), now.plusSeconds(Math.max(1, seconds - 30)), now.plusSeconds(seconds));
    }

    @Override
    public void close() {
        process.close();
    }
}
