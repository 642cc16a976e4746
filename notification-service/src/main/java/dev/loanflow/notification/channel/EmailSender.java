package dev.loanflow.notification.channel;

import java.util.List;
import java.util.Map;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * E-mail over SMTP through Spring's mail support, several messages over one connection; authentication problems are
 * final, others worth retrying.
 */
public final class EmailSender {

    /** One message to send; {@code to} is the opened address. */
    public record Email(String to, String subject, String body) {
    }

    private final JavaMailSender mail;
    private final String from;

    public EmailSender(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    /** Sends the messages in order over one SMTP connection; the results are in the same order. */
    public List<SendResult> sendAll(List<Email> emails) {
        if (emails.isEmpty()) {
            return List.of();
        }
        List<SimpleMailMessage> messages = emails.stream().map(this::message).toList();
        try {
            mail.send(messages.toArray(SimpleMailMessage[]::new));
            return messages.stream().map(message -> SendResult.delivered("accepted by SMTP")).toList();
        } catch (MailAuthenticationException e) {
            return messages.stream().map(message -> SendResult.failed("SMTP authentication failed")).toList();
        } catch (MailSendException e) {
            Map<Object, Exception> failed = e.getFailedMessages();
            return messages.stream().map(message -> {
                if (failed.isEmpty()) {
                    return SendResult.retry(e.getClass().getSimpleName());
                }
                Exception refused = failed.get(message);
                return refused == null ? SendResult.delivered("accepted by SMTP")
                        : SendResult.retry(refused.getClass().getSimpleName());
            }).toList();
        } catch (MailException e) {
            return messages.stream().map(message -> SendResult.retry(e.getClass().getSimpleName())).toList();
        }
    }

    private SimpleMailMessage message(Email email) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(email.to());
        message.setSubject(email.subject());
        message.setText(email.body());
        return message;
    }
}
