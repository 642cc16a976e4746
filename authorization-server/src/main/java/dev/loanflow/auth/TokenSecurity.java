package dev.loanflow.auth;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Issues access tokens to registered clients (client-credentials flow only) and nothing else. A token that carries
 * a merchant scope names its merchant in the {@value #MERCHANT_CLAIM} claim: the client id, so one merchant's
 * token can never act for another. Its own actuator endpoints take its own admin tokens, like every service's.
 */
@Configuration(proxyBeanMethods = false)
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

    /** Names the signing key in the token's header, and the merchant in its claims when it acts for one. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tokenCustomizer(SigningKeys.Keys signingKeys) {
        return context -> {
            context.getJwsHeader().keyId(signingKeys.activeId());
            boolean actsForAMerchant = context.getAuthorizedScopes().stream().anyMatch(MERCHANT_SCOPES::contains);
            if (actsForAMerchant) {
                context.getClaims().claim(MERCHANT_CLAIM, context.getRegisteredClient().getClientId());
            }
        };
    }
}
