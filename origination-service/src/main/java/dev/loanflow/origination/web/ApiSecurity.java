package dev.loanflow.origination.web;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.loanflow.security.ResourceServerSecurity;
import dev.loanflow.security.ResourceServerSecurity.EndpointRules;
import dev.loanflow.security.Scopes;

/** Who may call what: merchants by scope on their own applications, operators (admin) on the ops endpoints. */
@Configuration(proxyBeanMethods = false)
@Import(ResourceServerSecurity.class)
class ApiSecurity {

    @Bean
    EndpointRules endpoints() {
        return requests -> requests
                .requestMatchers(POST, "/applications").hasAuthority(Scopes.SUBMIT)
                .requestMatchers(POST, "/applications/*/cancel").hasAuthority(Scopes.SUBMIT)
                .requestMatchers(POST, "/applications/*/refunds").hasAuthority(Scopes.REFUND)
                .requestMatchers(GET, "/applications", "/applications/*").hasAuthority(Scopes.READ)
                .requestMatchers(GET, "/ops/index.html").permitAll()
                .requestMatchers("/ops/**").hasAuthority(Scopes.ADMIN)
                .requestMatchers(GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll();
    }
}
