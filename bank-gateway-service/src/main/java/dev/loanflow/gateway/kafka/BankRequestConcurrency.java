package dev.loanflow.gateway.kafka;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import dev.loanflow.eventing.ConcurrentKeys;
import dev.loanflow.eventing.TraceContexts;

/**
 * How many bank requests the gateway waits on at once ({@code loanflow.bank.concurrent-requests}): every consumer
 * hands the applications of its poll to these threads, one application's requests in order.
 */
@Configuration(proxyBeanMethods = false)
class BankRequestConcurrency {

    @Bean
    ThreadPoolTaskExecutor bankRequestThreads(@Value("${loanflow.bank.concurrent-requests}") int threads) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setThreadNamePrefix("bank-request-");
        return executor;
    }

    @Bean
    ConcurrentKeys bankRequestKeys(ThreadPoolTaskExecutor bankRequestThreads, ObjectProvider<TraceContexts> traces) {
        return new ConcurrentKeys(bankRequestThreads, traces.getIfAvailable(TraceContexts::none));
    }
}
