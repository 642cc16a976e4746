package dev.loanflow.gateway.web;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.loanflow.security.ResourceServerSecurity;
import dev.loanflow.security.ResourceServerSecurity.EndpointRules;
import dev.loanflow.security.Scopes;

/**
 * Merchants read banks and quotes with their tokens. The bank's callbacks carry no token of ours: they are taken
 * as hints only, and nothing changes until the bank confirms the status on our own authenticated call.
 */
@Configuration(proxyBeanMethods = false)
@Import(ResourceServerSecurity.class)
class ApiSecurity {

    @Bean
    EndpointRules endpoints() {
        return requests -> requests
                .requestMatchers(POST, "/bank/callbacks").permitAll()
                .requestMatchers("/ops/**").hasAuthority(Scopes.ADMIN)
                .requestMatchers(GET, "/banks").hasAnyAuthority(Scopes.READ, Scopes.SUBMIT)
                .requestMatchers(POST, "/quotes").hasAnyAuthority(Scopes.READ, Scopes.SUBMIT)
                .requestMatchers(GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll();
    }
}
