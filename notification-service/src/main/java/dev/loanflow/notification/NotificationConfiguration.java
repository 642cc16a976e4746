package dev.loanflow.notification;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.mail.javamail.JavaMailSender;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.loanflow.eventing.ConsumerConfiguration;
import dev.loanflow.eventing.DeadLetters;
import dev.loanflow.eventing.PersonalDataConfiguration;
import dev.loanflow.notification.channel.CallbackAddressPolicy;
import dev.loanflow.notification.channel.EmailSender;
import dev.loanflow.notification.channel.HttpSmsSender;
import dev.loanflow.notification.channel.SandboxSmsSender;
import dev.loanflow.notification.channel.SmsSender;
import dev.loanflow.notification.channel.WebhookSecrets;
import dev.loanflow.notification.channel.WebhookSender;
import dev.loanflow.notification.delivery.DeliverySettings;
import dev.loanflow.notification.delivery.NotificationRules;
import dev.loanflow.schemas.StoredEvents;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

@Configuration(proxyBeanMethods = false)
@Import({ConsumerConfiguration.class, PersonalDataConfiguration.class})
@EnableConfigurationProperties({NotificationRules.class, DeliverySettings.class,
        NotificationConfiguration.Webhooks.class, NotificationConfiguration.Sms.class})
class NotificationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotificationConfiguration.class);

    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    /**
     * @param secrets             each merchant's own signing secret, {@code <merchant id>=whsec_<base64>} pairs
     *                            separated by commas ({@link WebhookSecrets}); there is no shared one
     * @param allowPrivateNetwork whether loopback and private addresses may be called (local stacks only)
     */
    @ConfigurationProperties("loanflow.webhooks")
    record Webhooks(String secrets, boolean allowPrivateNetwork, Duration timeout) {
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
        Map<String, String> secrets = WebhookSecrets.parse(webhooks.secrets());
        log.info("webhook secrets configured for {} merchants", secrets.size());
        return new WebhookSender(webhooks.timeout(), new CallbackAddressPolicy(webhooks.allowPrivateNetwork()),
                secrets, clock);
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaProperties kafka, StoredEvents storedEvents, PersonalDataSealer sealer) {
        return DeadLetters.errorHandler(kafka, storedEvents, sealer, failure -> false);
    }
}
