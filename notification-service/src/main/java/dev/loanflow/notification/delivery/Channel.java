package dev.loanflow.notification.delivery;

/** Who is told how: the customer by e-mail or SMS, the merchant by webhook. */
public enum Channel {
    EMAIL, SMS, WEBHOOK
}
