package dev.loanflow.simulator.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.loanflow.simulator.auth.TokenService;
import dev.loanflow.simulator.sandbox.FaultSwitch;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final TokenService tokens;
    private final FaultSwitch faults;

    WebConfiguration(TokenService tokens, FaultSwitch faults) {
        this.tokens = tokens;
        this.faults = faults;
    }

    @Bean
    AmbiguousAnswers ambiguousAnswers() {
        return new AmbiguousAnswers(faults);
    }

    @Bean
    FilterRegistrationBean<AmbiguousAnswers> ambiguousAnswersFilter(AmbiguousAnswers answers) {
        FilterRegistrationBean<AmbiguousAnswers> registration = new FilterRegistrationBean<>(answers);
        registration.addUrlPatterns("/loans/v1/facilitate/*");
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new FaultInjectionInterceptor(faults)).addPathPatterns("/loans/**");
        registry.addInterceptor(new BearerTokenInterceptor(tokens)).addPathPatterns("/loans/v1/**");
    }
}
