package dev.loanflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/** Against a real HTTP server publishing the keys, which goes away as an authorization server in an outage does. */
class TokenDecodingTest {

    private static final String ISSUER = "http://issuer.example";

    private final RSAKey key = generate();
    private HttpServer keys;

    @BeforeEach
    void theAuthorizationServerPublishesItsKeys() throws Exception {
        keys = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        keys.createContext("/oauth2/jwks", exchange -> {
            byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        keys.start();
    }

    @AfterEach
    void stop() {
        keys.stop(0);
    }

    @Test
    void tokensAreStillCheckedWhileTheAuthorizationServerIsDownAfterTheKeysCacheTimeRanOut() throws Exception {
        JwtDecoder decoder = TokenDecoding.decoder(jwkSetUri(), ISSUER, List.of("origination-service"), Duration.ofMillis(200));
        assertThat(decoder.decode(token("origination-service", ISSUER)).getSubject()).isEqualTo("merchant-a");

        keys.stop(0);
        Thread.sleep(400);

        assertThat(decoder.decode(token("origination-service", ISSUER)).getSubject()).isEqualTo("merchant-a");
    }

    @Test
    void aTokenForAnotherServiceOrFromAnotherIssuerIsRefused() throws Exception {
        JwtDecoder decoder = TokenDecoding.decoder(jwkSetUri(), ISSUER, List.of("origination-service"), Duration.ofMinutes(5));

        assertThatThrownBy(() -> decoder.decode(token("bank-gateway-service", ISSUER))).isInstanceOf(JwtException.class)
                .hasMessageContaining("aud");
        assertThatThrownBy(() -> decoder.decode(token("origination-service", "http://elsewhere.example")))
                .isInstanceOf(JwtException.class);
    }

    private String jwkSetUri() {
        return "http://127.0.0.1:" + keys.getAddress().getPort() + "/oauth2/jwks";
    }

    private String token(String audience, String issuer) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject("merchant-a").issuer(issuer).audience(audience)
                        .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
