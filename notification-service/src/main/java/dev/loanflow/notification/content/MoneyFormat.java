package dev.loanflow.notification.content;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Turkish lira as each language writes it: {@code 20.100,00 TL} and {@code TL 20,100.00}. */
public final class MoneyFormat {

    // a DecimalFormat is costly to build (its pattern parsed, the locale's symbols looked up) and not thread-safe:
    // one per language and thread
    private static final ThreadLocal<DecimalFormat> TURKISH = ThreadLocal.withInitial(() -> decimals("tr-TR"));
    private static final ThreadLocal<DecimalFormat> ENGLISH = ThreadLocal.withInitial(() -> decimals("en-US"));

    private MoneyFormat() {
    }

    public static String format(BigDecimal amount, Locale locale) {
        boolean turkish = "tr".equals(locale.getLanguage());
        String digits = (turkish ? TURKISH : ENGLISH).get().format(amount);
        return turkish ? digits + " TL" : "TL " + digits;
    }

    private static DecimalFormat decimals(String languageTag) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.forLanguageTag(languageTag)));
        format.setParseBigDecimal(true);
        return format;
    }
}
