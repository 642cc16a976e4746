package dev.loanflow.notification.channel;

/** Sends a text message to a mobile number; a provider adapter or the local sandbox. */
public interface SmsSender {

    SendResult send(String gsmNumber, String text);
}
