package dev.loanflow.eventing;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.loanflow.schemas.sealing.PersonalDataSealer;

/**
 * The sealer for personal data, with keys from the environment: {@code PERSONAL_DATA_ACTIVE_KEY_ID} names the key
 * that seals, {@code LOANFLOW_PERSONALDATA_KEYS_<ID>} holds each key (base64 of 32 random bytes).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PersonalDataConfiguration.PersonalDataKeys.class)
public class PersonalDataConfiguration {

    @ConfigurationProperties("loanflow.personal-data")
    public record PersonalDataKeys(String activeKeyId, Map<String, String> keys) {
    }

    @Bean
    PersonalDataSealer personalDataSealer(PersonalDataKeys keys) {
        if (keys.keys() == null || keys.keys().isEmpty() || keys.activeKeyId() == null) {
            throw new IllegalStateException("no personal-data key configured: set PERSONAL_DATA_ACTIVE_KEY_ID and "
                    + "LOANFLOW_PERSONALDATA_KEYS_<ID> (base64 of 32 random bytes)");
        }
        return PersonalDataSealer.withBase64Keys(keys.activeKeyId(), keys.keys());
    }
}
