package dev.loanflow.notification.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class MoneyFormatTest {

    @Test
    void turkishWritesDotsForThousandsAndACommaForKurus() {
        assertThat(MoneyFormat.format(new BigDecimal("20100.00"), Locale.forLanguageTag("tr"))).isEqualTo("20.100,00 TL");
        assertThat(MoneyFormat.format(new BigDecimal("4016.84"), Locale.forLanguageTag("tr"))).isEqualTo("4.016,84 TL");
    }

    @Test
    void englishPutsTheCurrencyFirst() {
        assertThat(MoneyFormat.format(new BigDecimal("20100.00"), Locale.ENGLISH)).isEqualTo("TL 20,100.00");
        assertThat(MoneyFormat.format(new BigDecimal("0.50"), Locale.ENGLISH)).isEqualTo("TL 0.50");
    }
}
