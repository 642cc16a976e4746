package dev.loanflow.notification.content;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Turkish lira as each language writes it: {@code 20.100,00 TL} and {@code TL 20,100.00}. */
public final class MoneyFormat {

    private MoneyFormat() {
    }

    public static String format(BigDecimal amount, Locale locale) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(
                "tr".equals(locale.getLanguage()) ? Locale.forLanguageTag("tr-TR") : Locale.US));
        format.setParseBigDecimal(true);
        String digits = format.format(amount);
        return "tr".equals(locale.getLanguage()) ? digits + " TL" : "TL " + digits;
    }
}
