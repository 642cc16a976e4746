package dev.loanflow.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.loanflow.simulator.bank.Bank;

/**
 * The sandbox's settings.
 *
 * @param merchant             the merchant that may authenticate
 * @param tokenTtl             how long a bearer token lives
 * @param banks                the contracted banks
 * @param customerDecisionDelay how long the customer takes on the bank page (negative: only the sandbox API decides)
 * @param timeoutSweepInterval how often waiting applications are checked against their time to live
 * @param publicBaseUrl        where the simulator is reachable, for bank redirection URLs
 */
@ConfigurationProperties("loanflow.simulator")
public record SimulatorProperties(Merchant merchant, Duration tokenTtl, List<BankSettings> banks,
                                  Duration customerDecisionDelay, Duration timeoutSweepInterval, String publicBaseUrl) {

    public record Merchant(String username, String password, long merchantNo, String apiSecretKey) {

        public boolean matches(String username, String password, Long merchantNo, String apiSecretKey) {
            return this.username.equals(username) && this.password.equals(password)
                    && merchantNo != null && this.merchantNo == merchantNo && this.apiSecretKey.equals(apiSecretKey);
        }
    }

    public record BankSettings(String code, String name, String description, boolean active,
                               BigDecimal monthlyRatePercent, List<Integer> terms) {

        Bank toBank() {
            return new Bank(code, code, name, description, "TR", active, monthlyRatePercent, terms);
        }
    }

    public List<Bank> bankList() {
        return banks.stream().map(BankSettings::toBank).toList();
    }
}
