package dev.loanflow.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Issues access tokens to registered clients (client-credentials flow only) and nothing else. A token that carries
 * a merchant scope names its merchant in the {@value #MERCHANT_CLAIM} claim: the client id, so one merchant's
 * token can never act for another. Its own actuator endpoints take its own admin tokens, like every service's.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenSecurity.Audiences.class)
class TokenSecurity {

    static final String MERCHANT_CLAIM = "merchant_id";
    static final Set<String> MERCHANT_SCOPES = Set.of("submit", "read", "refund");

    @Bean
    @Order(1)
    SecurityFilterChain tokenEndpoints(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, Customizer.withDefaults())
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers(authorizationServer.getEndpointsMatcher()));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasAuthority("SCOPE_admin")
                        .anyRequest().denyAll())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /** Its own actuator takes only tokens meant for it, as every service does. */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys, @Value("${spring.application.name}") String name) {
        NimbusJwtDecoder decoder = (NimbusJwtDecoder) OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, audience -> audience != null && audience.contains(name))));
        return decoder;
    }

    /**
     * Which services accept a token ({@code aud}, each service's name): a client's own list when it has one, else
     * those of its scopes: a merchant's token is good where merchants call (origination, the gateway's quotes, the
     * notifications' delivery reports), an operator's everywhere.
     */
    @ConfigurationProperties("loanflow.auth")
    record Audiences(Map<String, List<String>> scopeAudiences, Map<String, List<String>> clientAudiences) {

        Audiences {
            scopeAudiences = scopeAudiences == null ? Map.of() : Map.copyOf(scopeAudiences);
            clientAudiences = clientAudiences == null ? Map.of() : Map.copyOf(clientAudiences);
        }

        List<String> of(String clientId, Set<String> scopes) {
            List<String> own = clientAudiences.get(clientId);
            if (own != null) {
                return own;
            }
            return scopes.stream().flatMap(scope -> scopeAudiences.getOrDefault(scope, List.of()).stream())
                    .distinct().sorted().toList();
        }
    }

    /** Names the signing key in the token's header, its audience, and the merchant when it acts for one. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tokenCustomizer(SigningKeys.Keys signingKeys, Audiences audiences) {
        return context -> {
            context.getJwsHeader().keyId(signingKeys.activeId());
            String clientId = context.getRegisteredClient().getClientId();
            context.getClaims().audience(audiences.of(clientId, context.getAuthorizedScopes()));
            boolean actsForAMerchant = context.getAuthorizedScopes().stream().anyMatch(MERCHANT_SCOPES::contains);
            if (actsForAMerchant) {
                context.getClaims().claim(MERCHANT_CLAIM, clientId);
            }
        };
    }
}
