package dev.loanflow.origination.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void amountsAreKeptToTheKurus() {
        assertThat(Money.of("12.5").amount()).isEqualTo(new BigDecimal("12.50"));
    }

    @Test
    void anAmountFinerThanTheKurusIsRefusedRatherThanRounded() {
        assertThatThrownBy(() -> Money.of("12.505")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void equalAmountsAreEqualWhateverTheirWrittenScale() {
        assertThat(Money.of("100")).isEqualTo(Money.of("100.00"));
    }

    @Test
    void sumsAndDifferencesAreExact() {
        assertThat(Money.of("0.10").plus(Money.of("0.20"))).isEqualTo(Money.of("0.30"));
        assertThat(Money.of("20100.00").minus(Money.of("0.01"))).isEqualTo(Money.of("20099.99"));
    }
}
