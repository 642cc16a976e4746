package dev.loanflow.auth;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The RSA keys access tokens are signed with, by id, from the environment: {@code LOANFLOW_AUTH_SIGNINGKEYS_<ID>}
 * (a PKCS#8 private key, PEM or its base64 body) and {@code LOANFLOW_AUTH_ACTIVESIGNINGKEY=<id>}. Every key is
 * published at {@code /oauth2/jwks}, so tokens signed with an older key stay valid after the active one moves on;
 * tokens carry the id of the key that signed them. With no keys configured, a key is made for this run only: its
 * tokens are refused once the server restarts, and two instances would not accept each other's.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SigningKeys.Settings.class)
class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    @ConfigurationProperties("loanflow.auth")
    record Settings(Map<String, String> signingKeys, String activeSigningKey) {

        Settings {
            signingKeys = signingKeys == null ? Map.of() : Map.copyOf(signingKeys);
        }
    }

    /** The keys to publish, and the id of the one that signs. */
    record Keys(List<RSAKey> published, String activeId) {
    }

    @Bean
    Keys signingKeySet(Settings settings) {
        if (settings.signingKeys().isEmpty()) {
            log.warn("no signing keys configured (LOANFLOW_AUTH_SIGNINGKEYS_<ID>, LOANFLOW_AUTH_ACTIVESIGNINGKEY): "
                    + "tokens are signed with a key made for this run and are refused after a restart");
            return forThisRunOnly();
        }
        return configured(settings);
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(Keys keys) {
        return new ImmutableJWKSet<>(new JWKSet(new ArrayList<>(keys.published())));
    }

    static Keys configured(Settings settings) {
        String active = settings.activeSigningKey();
        if (active == null || !settings.signingKeys().containsKey(active)) {
            throw new IllegalStateException("the active signing key '" + active + "' is not among the configured keys "
                    + settings.signingKeys().keySet() + " (LOANFLOW_AUTH_ACTIVESIGNINGKEY)");
        }
        List<RSAKey> published = settings.signingKeys().entrySet().stream()
                .map(entry -> rsaKey(entry.getKey(), privateKey(entry.getKey(), entry.getValue())))
                .toList();
        return new Keys(published, active);
    }

    private static Keys forThisRunOnly() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String id = UUID.randomUUID().toString();
            return new Keys(List.of(rsaKey(id, (RSAPrivateCrtKey) pair.getPrivate())), id);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM cannot make RSA keys", e);
        }
    }

    private static RSAPrivateCrtKey privateKey(String id, String encoded) {
        String body = encoded.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IllegalArgumentException | InvalidKeySpecException | ClassCastException e) {
            throw new IllegalStateException("signing key '" + id + "' is not an RSA private key in PKCS#8 (PEM or base64)", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM cannot read RSA keys", e);
        }
    }

    private static RSAKey rsaKey(String id, RSAPrivateCrtKey privateKey) {
        try {
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(id).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).build();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("signing key '" + id + "' has no usable public key", e);
        }
    }
}
