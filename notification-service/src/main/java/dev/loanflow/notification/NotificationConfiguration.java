package dev.loanflow.notification;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.mail.javamail.JavaMailSender;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.loanflow.eventing.DeadLetters;
import dev.loanflow.eventing.ConsumerConfiguration;
import dev.loanflow.eventing.PersonalDataConfiguration;
import dev.loanflow.notification.channel.CallbackAddressPolicy;
import dev.loanflow.notification.channel.EmailSender;
import dev.loanflow.notification.channel.HttpSmsSender;
import dev.loanflow.notification.channel.SandboxSmsSender;
import dev.loanflow.notification.channel.SmsSender;
import dev.loanflow.notification.channel.WebhookSender;
import dev.loanflow.notification.delivery.DeliverySettings;
import dev.loanflow.notification.delivery.NotificationRules;

@Configuration(proxyBeanMethods = false)
@Import({ConsumerConfiguration.class, PersonalDataConfiguration.class})
@EnableConfigurationProperties({NotificationRules.class, DeliverySettings.class,
        NotificationConfiguration.Webhooks.class, NotificationConfiguration.Sms.class})
class NotificationConfiguration {

    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    /**
     * @param defaultSecret       signing secret for merchants without their own ({@code whsec_<base64>})
     * @param merchantSecrets     per-merchant secrets, e.g. {@code LOANFLOW_WEBHOOKS_MERCHANTSECRETS_<MERCHANT>}
     * @param allowPrivateNetwork whether loopback and private addresses may be called (local stacks only)
     */
    @ConfigurationProperties("loanflow.webhooks")
    record Webhooks(String defaultSecret, Map<String, String> merchantSecrets, boolean allowPrivateNetwork, Duration timeout) {
    }

    /** @param provider {@code sandbox} keeps messages in memory; {@code http} posts them to {@code url} */
    @ConfigurationProperties("loanflow.sms")
    record Sms(String provider, String url, String apiKey, String sender) {
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EmailSender emailSender(JavaMailSender mail, org.springframework.core.env.Environment environment) {
        // Jakarta Mail looks its stream provider up with a ServiceLoader for every encoded header and body part it
        // writes (jakartaee/mail-api#861), a tenth of this service's CPU under load; named, it is one class lookup
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
        return new EmailSender(mail, environment.getRequiredProperty("loanflow.notifications-from"));
    }

    @Bean
    SmsSender smsSender(Sms sms, ObjectMapper json, Clock clock) {
        return "http".equals(sms.provider()) ? new HttpSmsSender(sms.url(), sms.apiKey(), sms.sender(), json)
                : new SandboxSmsSender(clock);
    }

    @Bean
    WebhookSender webhookSender(Webhooks webhooks, Clock clock) {
        if (webhooks.defaultSecret() == null || webhooks.defaultSecret().isBlank()) {
            throw new IllegalStateException("set WEBHOOK_DEFAULT_SECRET (whsec_<base64>) to sign merchant webhooks");
        }
        return new WebhookSender(webhooks.timeout(), new CallbackAddressPolicy(webhooks.allowPrivateNetwork()),
                webhooks.merchantSecrets(), webhooks.defaultSecret(), clock);
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> avroTemplate, KafkaProperties kafka) {
        return DeadLetters.errorHandler(avroTemplate, kafka, failure -> false);
    }
}
