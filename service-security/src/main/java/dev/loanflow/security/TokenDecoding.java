package dev.loanflow.security;

import java.net.URI;
import java.net.MalformedURLException;
import java.time.Duration;
import java.util.List;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * How a service checks a token: signed by one of the authorization server's keys (RS256), from our issuer, not
 * expired, and naming this service in its audience. The keys are cached and refreshed as usual (a token signed by a
 * key not in the cache refreshes it, so rotation works), but while the authorization server cannot be reached the last
 * keys stay in use: its outage stops new tokens, never the checking of tokens already issued. Spring's default decoder
 * drops its cached keys once they are 5 minutes old and then refuses every token until the server answers again.
 */
public final class TokenDecoding {

    private TokenDecoding() {
    }

    public static JwtDecoder decoder(String jwkSetUri, String issuer, List<String> audiences, Duration cacheKeysFor) {
        JWKSource<SecurityContext> keys;
        try {
            long cacheMillis = cacheKeysFor.toMillis();
            keys = JWKSourceBuilder.<SecurityContext>create(URI.create(jwkSetUri).toURL())
                    .cache(cacheMillis, Math.min(JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT, cacheMillis / 2))
                    .refreshAheadCache(false)
                    .rateLimited(Math.min(JWKSourceBuilder.DEFAULT_RATE_LIMIT_MIN_INTERVAL, cacheMillis / 2))
                    .outageTolerantForever()
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + jwkSetUri, e);
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        // the claims are checked below, by Spring's validators
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        audience -> audience != null && audience.stream().anyMatch(audiences::contains))));
        return decoder;
    }
}
