package dev.loanflow.gateway.bank;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the bank is and who we are to it. Credentials come from the environment, never from the repository.
 *
 * @param callbackBaseUrl this service's public URL, where the bank posts application results
 */
@ConfigurationProperties("loanflow.bank")
public record BankProperties(String baseUrl, String username, String password, long merchantNo, String apiSecretKey,
                             Duration connectTimeout, Duration readTimeout, Duration tokenRefreshMargin,
                             String callbackBaseUrl) {
}
