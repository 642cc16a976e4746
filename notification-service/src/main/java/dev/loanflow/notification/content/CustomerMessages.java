package dev.loanflow.notification.content;

import java.text.MessageFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.loanflow.events.ApplicationStatusChanged;
import dev.loanflow.events.Installment;
import dev.loanflow.events.Language;

/**
 * What the customer reads, per status and language, from {@code notifications_<language>.properties}: an e-mail
 * subject and body, and an SMS text. Placeholders: {0} name, {1} order, {2} loan amount, {3} refunded total,
 * {4} bank redirection URL, {5} installment plan, {6} term, {7} remaining amount.
 */
public final class CustomerMessages {

    private static final ZoneId TURKEY = ZoneId.of("Europe/Istanbul");
    private static final DateTimeFormatter TURKISH_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy", Locale.forLanguageTag("tr"));
    private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    /** Each template parsed once; a copy formats, since a MessageFormat is not thread-safe. */
    private final Map<String, MessageFormat> templates = new ConcurrentHashMap<>();

    public record Email(String subject, String body) {
    }

    /** @param name the customer's name, opened by the caller (events carry it sealed) */
    public Optional<Email> email(ApplicationStatusChanged change, String name) {
        Locale locale = localeOf(change);
        return text(change, name, "email." + change.getStatus() + ".subject", locale)
                .flatMap(subject -> text(change, name, "email." + change.getStatus() + ".body", locale)
                        .map(body -> new Email(subject, body)));
    }

    public Optional<String> sms(ApplicationStatusChanged change, String name) {
        return text(change, name, "sms." + change.getStatus(), localeOf(change));
    }

    private Optional<String> text(ApplicationStatusChanged change, String name, String key, Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle("templates/notifications", locale);
        try {
            MessageFormat template = templates.computeIfAbsent(locale.toLanguageTag() + ":" + key,
                    parsed -> new MessageFormat(bundle.getString(key), locale));
            return Optional.of(((MessageFormat) template.clone()).format(arguments(change, name, locale)));
        } catch (MissingResourceException noTemplate) {
            return Optional.empty();
        }
    }

    private static Object[] arguments(ApplicationStatusChanged change, String name, Locale locale) {
        return new Object[] {name, change.getOrderId(), MoneyFormat.format(change.getLoanAmount(), locale),
                MoneyFormat.format(change.getRefundedTotal(), locale),
                change.getBankRedirectionUrl() == null ? "" : change.getBankRedirectionUrl(),
                plan(change, locale), change.getTerm() == null ? "" : change.getTerm().toString(),
                MoneyFormat.format(change.getLoanAmount().subtract(change.getRefundedTotal()), locale)};
    }

    private static String plan(ApplicationStatusChanged change, Locale locale) {
        if (change.getPaymentPlan() == null) {
            return "";
        }
        DateTimeFormatter date = "tr".equals(locale.getLanguage()) ? TURKISH_DATE : ENGLISH_DATE;
        return change.getPaymentPlan().getInstallments().stream()
                .map((Installment installment) -> installment.getNumber() + ". " + date.format(installment.getDueDate().atZone(TURKEY))
                        + "  " + MoneyFormat.format(installment.getAmount(), locale))
                .collect(Collectors.joining("\n"));
    }

    private static Locale localeOf(ApplicationStatusChanged change) {
        Language language = change.getCustomer() == null ? Language.TR : change.getCustomer().getLanguage();
        return language == Language.EN ? Locale.ENGLISH : Locale.forLanguageTag("tr");
    }
}
