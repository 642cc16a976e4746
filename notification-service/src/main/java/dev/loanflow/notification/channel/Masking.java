package dev.loanflow.notification.channel;

/** How personal data appears in logs, the delivery log and the API: recognisable, not readable. */
public final class Masking {

    private Masking() {
    }

    public static String phone(String gsm) {
        return gsm == null || gsm.length() < 5 ? "***" : gsm.substring(0, 3) + "*****" + gsm.substring(gsm.length() - 2);
    }

    public static String email(String email) {
        int at = email == null ? -1 : email.indexOf('@');
        return at < 1 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }
}
