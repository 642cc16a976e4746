package dev.loanflow.simulator.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

class ApplicationStoreCapacityTest {

    private static final int ONE_MILLION = 1_000_000;
    private static final Cart CART = new Cart(new BigDecimal("20000.00"), new BigDecimal("100.00"),
            new BigDecimal("20100.00"), List.of(new Cart.Item("Telefon", "ELECTRONICS", 1, new BigDecimal("20000.00"),
            new BigDecimal("20000.00"), new BigDecimal("20000.00"))));

    @Test
    void holdsAMillionApplicationsAndStillFindsReportsAndExpiresThem() {
        ApplicationStore store = new ApplicationStore();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < ONE_MILLION; i++) {
            store.addIfOrderIsNew(application(i, start.plusMillis(i)));
        }

        assertThat(store.size()).isEqualTo(ONE_MILLION);
        assertThat(store.findByOrder(4003, "ORDER-999999")).map(LoanApplication::referenceId).contains("ref-999999");
        assertThat(store.page(4003, start, start.plusMillis(99), application -> true, 2, 25).applications())
                .extracting(LoanApplication::referenceId).first().isEqualTo("ref-50");
        assertThat(store.takeExpired(start.plusSeconds(10))).hasSize(10_000);
    }

    private static LoanApplication application(int i, Instant appliedAt) {
        return new LoanApplication("ref-" + i, "REF" + i, "AKTIFBANK-" + i, 4003, "AKTIFBANK", new BigDecimal("4.19"),
                "ORDER-" + i, LocalDateTime.parse("2026-01-01T00:00:00"), appliedAt, "10000000146", "5551234567", 6,
                appliedAt.getEpochSecond(), "https://shop.example.com/callback",
                "http://localhost:8090/bank-page/ref-" + i, CART, CustomerScenario.APPROVE, LoanStatus.STARTED);
    }
}
