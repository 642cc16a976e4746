package dev.loanflow.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The security every service shares: stateless bearer-token (JWT) authentication, health open to probes, every
 * other actuator endpoint for operators only, refusals as problem+json, and {@link CurrentMerchant} parameters.
 * A service only declares an {@link EndpointRules} bean naming the scopes of its own endpoints.
 */
@Configuration(proxyBeanMethods = false)
@Import(BodySizeLimit.class)
public class ResourceServerSecurity implements WebMvcConfigurer {

    public static final String MERCHANT_CLAIM = "merchant_id";

    public interface EndpointRules {
        void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);
    }

    @Bean
    SecurityFilterChain resourceServer(HttpSecurity http, EndpointRules rules) throws Exception {
        BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
        BearerTokenAccessDeniedHandler denial = new BearerTokenAccessDeniedHandler();
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll();
                    requests.requestMatchers("/actuator/**").hasAuthority(Scopes.ADMIN);
                    rules.apply(requests);
                    requests.anyRequest().denyAll();
                })
                .oauth2ResourceServer(server -> server.jwt(jwt -> { })
                        .authenticationEntryPoint((request, response, failure) -> {
                            challenge.commence(request, response, failure);
                            problem(response, HttpStatus.UNAUTHORIZED, "a valid bearer token is required");
                        })
                        .accessDeniedHandler((request, response, denied) -> {
                            denial.handle(request, response, denied);
                            problem(response, HttpStatus.FORBIDDEN, "the token's scopes do not allow this");
                        }))
                .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, denied) -> {
                    denial.handle(request, response, denied);
                    problem(response, HttpStatus.FORBIDDEN, "the token's scopes do not allow this");
                }));
        return http.build();
    }

    /** @see TokenDecoding */
    @Bean
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties resourceServer,
                          @Value("${loanflow.security.signing-keys-cache:5m}") Duration cacheKeysFor) {
        OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
        return TokenDecoding.decoder(jwt.getJwkSetUri(), jwt.getIssuerUri(), jwt.getAudiences(), cacheKeysFor);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new MerchantResolver());
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // bytes, not a Writer: JSON is UTF-8 by definition and a Writer would append a charset parameter
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static final class MerchantResolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.hasParameterAnnotation(CurrentMerchant.class);
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
                                      WebDataBinderFactory binders) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
                String merchantId = jwt.getClaimAsString(MERCHANT_CLAIM);
                if (merchantId != null && !merchantId.isBlank()) {
                    return merchantId;
                }
            }
            throw new AccessDeniedException("the token does not act for a merchant");
        }
    }

}
