package dev.loanflow.simulator;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.loanflow.simulator.application.ApplicationStore;
import dev.loanflow.simulator.application.BankLedger;
import dev.loanflow.simulator.application.CustomerJourney;
import dev.loanflow.simulator.application.CustomerScenario;
import dev.loanflow.simulator.application.ShoppingLoanBank;
import dev.loanflow.simulator.auth.TokenService;
import dev.loanflow.simulator.bank.BankCatalogue;
import dev.loanflow.simulator.callback.CallbackNotifier;
import dev.loanflow.simulator.sandbox.FaultSwitch;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SimulatorProperties.class)
class SimulatorConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TokenService tokenService(SimulatorProperties properties, Clock clock) {
        return new TokenService(properties.tokenTtl(), clock);
    }

    @Bean
    FaultSwitch faultSwitch() {
        return new FaultSwitch();
    }

    @Bean
    ApplicationStore applicationStore() {
        return new ApplicationStore();
    }

    @Bean
    CustomerScenario.Overrides customerScenarios() {
        return new CustomerScenario.Overrides();
    }

    @Bean
    CallbackNotifier callbackNotifier(ObjectMapper json, FaultSwitch faults) {
        return new CallbackNotifier(json, faults);
    }

    @Bean
    CustomerJourney customerJourney(ApplicationStore store, CallbackNotifier callbacks, SimulatorProperties properties,
                                    Clock clock) {
        return new CustomerJourney(store, callbacks, properties.customerDecisionDelay(),
                properties.timeoutSweepInterval(), clock);
    }

    @Bean
    BankLedger bankLedger(Clock clock) {
        return new BankLedger(clock);
    }

    @Bean
    ShoppingLoanBank shoppingLoanBank(SimulatorProperties properties, ApplicationStore store,
                                      CustomerScenario.Overrides scenarios, CustomerJourney journey, BankLedger ledger,
                                      Clock clock, FaultSwitch faults) {
        return new ShoppingLoanBank(new BankCatalogue(properties.bankList()), store, scenarios, journey, ledger, clock,
                properties.publicBaseUrl() + "/bank-page", faults::bankDown);
    }
}
