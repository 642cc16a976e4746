package dev.loanflow.notification.channel;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** E-mail over SMTP through Spring's mail support; authentication problems are final, others worth retrying. */
public final class EmailSender {

    private final JavaMailSender mail;
    private final String from;

    public EmailSender(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    public SendResult send(String to, String subject, String body) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject(subject);
        message.setText(body);
        try {
            mail.send(message);
            return SendResult.delivered("accepted by SMTP");
        } catch (MailAuthenticationException e) {
            return SendResult.failed("SMTP authentication failed");
        } catch (MailException e) {
            return SendResult.retry(e.getClass().getSimpleName());
        }
    }
}
