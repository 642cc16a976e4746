package dev.loanflow.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokensIT {

    private static final KeyPair RETIRED = rsa();
    private static final KeyPair ACTIVE = rsa();
    private static final String CLIENT = "shop-a";
    private static final String SECRET = "shop-a-secret";
    private static final String OPERATOR = "operator";
    private static final String GATEWAY_OPERATOR = "gateway-operator";

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void keysAndAClient(DynamicPropertyRegistry registry) {
        registry.add("loanflow.auth.signing-keys.retired", () -> pem(RETIRED));
        registry.add("loanflow.auth.signing-keys.active", () -> Base64.getEncoder().encodeToString(ACTIVE.getPrivate().getEncoded()));
        registry.add("loanflow.auth.active-signing-key", () -> "active");
        registry.add("spring.security.oauth2.authorizationserver.issuer", () -> "http://localhost");
        String client = "spring.security.oauth2.authorizationserver.client.shop-a.registration.";
        registry.add(client + "client-id", () -> CLIENT);
        registry.add(client + "client-secret", () -> "{noop}" + SECRET);
        registry.add(client + "client-authentication-methods", () -> "client_secret_basic");
        registry.add(client + "authorization-grant-types", () -> "client_credentials");
        registry.add(client + "scopes", () -> "submit");
        for (String operator : List.of(OPERATOR, GATEWAY_OPERATOR)) {
            String registration = "spring.security.oauth2.authorizationserver.client." + operator + ".registration.";
            registry.add(registration + "client-id", () -> operator);
            registry.add(registration + "client-secret", () -> "{noop}" + SECRET + "-" + operator);
            registry.add(registration + "client-authentication-methods", () -> "client_secret_basic");
            registry.add(registration + "authorization-grant-types", () -> "client_credentials");
            registry.add(registration + "scopes", () -> "admin");
        }
        registry.add("loanflow.auth.client-audiences." + GATEWAY_OPERATOR, () -> "bank-gateway-service");
    }

    @Test
    void aTokenNamesTheServicesThatAcceptItAndTheAuthorizationServerTakesOnlyTokensMeantForIt() throws Exception {
        assertThat(SignedJWT.parse(token()).getJWTClaimsSet().getAudience()).as("submit")
                .containsExactly("bank-gateway-service", "origination-service");
        String operator = token(OPERATOR, SECRET + "-" + OPERATOR, "admin");
        String gatewayOperator = token(GATEWAY_OPERATOR, SECRET + "-" + GATEWAY_OPERATOR, "admin");
        assertThat(SignedJWT.parse(operator).getJWTClaimsSet().getAudience()).containsExactlyInAnyOrder(
                "origination-service", "bank-gateway-service", "notification-service", "authorization-server");
        assertThat(SignedJWT.parse(gatewayOperator).getJWTClaimsSet().getAudience()).containsExactly("bank-gateway-service");

        assertThat(actuator(operator)).isEqualTo(200);
        assertThat(actuator(gatewayOperator)).as("an admin token for another service").isEqualTo(401);
    }

    @Test
    void tokensAreSignedByTheActiveConfiguredKeyAndNameIt() throws Exception {
        SignedJWT token = SignedJWT.parse(token());

        assertThat(token.getHeader().getKeyID()).isEqualTo("active");
        assertThat(token.verify(new RSASSAVerifier((RSAPublicKey) ACTIVE.getPublic()))).isTrue();
        assertThat(token.verify(new RSASSAVerifier((RSAPublicKey) RETIRED.getPublic()))).isFalse();
    }

    @Test
    void everyConfiguredKeyIsPublishedWithoutItsPrivatePart() throws Exception {
        String published = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/jwks")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        JWKSet keys = JWKSet.parse(published);

        assertThat(keys.getKeys()).extracting(key -> key.getKeyID()).containsExactlyInAnyOrder("active", "retired");
        assertThat(((RSAKey) keys.getKeyByKeyId("retired")).toRSAPublicKey()).isEqualTo(RETIRED.getPublic());
        assertThat(((RSAKey) keys.getKeyByKeyId("active")).toRSAPublicKey()).isEqualTo(ACTIVE.getPublic());
        assertThat(keys.getKeys()).noneMatch(key -> key.isPrivate());
    }

    @Test
    void anActiveKeyThatIsNotConfiguredStopsTheStart() {
        SigningKeys.Settings settings = new SigningKeys.Settings(Map.of("retired", pem(RETIRED)), "missing");

        assertThatThrownBy(() -> SigningKeys.configured(settings)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'missing'").hasMessageContaining("retired");
    }

    @Test
    void aKeyThatIsNotAnRsaPrivateKeyStopsTheStart() {
        SigningKeys.Settings settings = new SigningKeys.Settings(Map.of("broken", "bm90IGEga2V5"), "broken");

        assertThatThrownBy(() -> SigningKeys.configured(settings)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'broken'");
    }

    private int actuator(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/info"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private String token() throws Exception {
        return token(CLIENT, SECRET, "submit");
    }

    private String token(String client, String secret, String scope) throws Exception {
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return (String) new ObjectMapper().readValue(answer.body(), Map.class).get("access_token");
    }

    private static String pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
