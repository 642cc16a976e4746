package dev.loanflow.notification.web;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.loanflow.security.ResourceServerSecurity;
import dev.loanflow.security.ResourceServerSecurity.EndpointRules;
import dev.loanflow.security.Scopes;

/** Merchants read their own delivery log; replaying a delivery and the SMS sandbox are for operators. */
@Configuration(proxyBeanMethods = false)
@Import(ResourceServerSecurity.class)
class ApiSecurity {

    @Bean
    EndpointRules endpoints() {
        return requests -> requests
                .requestMatchers(GET, "/applications/*/deliveries").hasAuthority(Scopes.READ)
                .requestMatchers(POST, "/deliveries/*/replay").hasAuthority(Scopes.ADMIN)
                .requestMatchers(GET, "/sandbox/sms").hasAuthority(Scopes.ADMIN)
                .requestMatchers("/ops/dead-letters", "/ops/dead-letters/**").hasAuthority(Scopes.ADMIN);
    }
}
