package dev.loanflow.notification.channel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each merchant's own webhook signing secret, from one setting ({@code WEBHOOK_SECRETS}):
 * {@code <merchant id>=whsec_<base64>} pairs separated by commas. There is no shared secret: a merchant not listed
 * gets no webhooks.
 */
public final class WebhookSecrets {

    private static final String PREFIX = "whsec_";

    private WebhookSecrets() {
    }

    /** @throws IllegalArgumentException naming the entry (never its secret) that is not {@code merchant=whsec_…} */
    public static Map<String, String> parse(String setting) {
        Map<String, String> secrets = new LinkedHashMap<>();
        if (setting == null || setting.isBlank()) {
            return secrets;
        }
        String[] entries = setting.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            int separator = entry.indexOf('=');
            String merchant = separator < 0 ? "" : entry.substring(0, separator).strip();
            String secret = separator < 0 ? "" : entry.substring(separator + 1).strip();
            if (merchant.isEmpty() || !secret.startsWith(PREFIX) || secret.length() <= PREFIX.length()) {
                throw new IllegalArgumentException("WEBHOOK_SECRETS entry " + (i + 1) + " is not <merchant id>=whsec_<base64>");
            }
            if (secrets.put(merchant, secret) != null) {
                throw new IllegalArgumentException("WEBHOOK_SECRETS names merchant " + merchant + " twice");
            }
        }
        return secrets;
    }
}
