package dev.loanflow.gateway.application;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;

import dev.loanflow.events.ApplicationFailed;
import dev.loanflow.events.BankApplicationRequested;
import dev.loanflow.events.EventMetadata;
import dev.loanflow.gateway.bank.BankApi;
import dev.loanflow.gateway.bank.BankUnavailable;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

/**
 * The bank holds an application for this order, made by a call of ours whose answer was lost. It is found through
 * the bank's documented report (order id, customer and amount as the bank holds them) and continued with only when
 * it is this order's: same bank order id, same customer, same amount. Anything else fails the application loudly
 * and moves no money.
 */
@Component
class AdoptingBankApplication {

    private static final Logger log = LoggerFactory.getLogger(AdoptingBankApplication.class);
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);

    private final BankReport report;
    private final PersonalDataSealer sealer;
    private final MeterRegistry meters;
    private final Clock clock;
    private final BankOrderIds orderIds;
    private final SeededDefects defects;

    AdoptingBankApplication(BankReport report, PersonalDataSealer sealer, MeterRegistry meters, Clock clock,
                            BankOrderIds orderIds, SeededDefects defects) {
        this.orderIds = orderIds;
        this.defects = defects;
        this.report = report;
        this.sealer = sealer;
        this.meters = meters;
        this.clock = clock;
    }

    SpecificRecord adopt(BankApplicationRequested request, EventMetadata outcomeMetadata) {
        String bankOrderId = orderIds.of(request.getMetadata().getMerchantId(), request.getOrderId());
        BankApi.LoanApplication held = find(request, bankOrderId).orElseThrow(() -> new BankUnavailable(
                "the bank refused order " + request.getOrderId() + " as a duplicate but its report does not show it yet"));
        if (!defects.orderIdsShared() && !isThisOrders(request, bankOrderId, held)) {
            meters.counter("loanflow.bank.adoption.mismatches").increment();
            log.error("the bank holds an application for order {} of merchant {} that is not this order's (reference {});"
                    + " application {} failed, nothing adopted", request.getOrderId(), request.getMetadata().getMerchantId(),
                    held.referenceId(), request.getMetadata().getApplicationId());
            return ApplicationFailed.newBuilder().setMetadata(outcomeMetadata)
                    .setBankAnswer(BankTranslation.answer("DUPLICATE_ORDER_ID", "the bank holds another application for this order"))
                    .setReason("the bank holds an application for this order that is not this one").build();
        }
        return BankTranslation.created(outcomeMetadata, held);
    }

    private Optional<BankApi.LoanApplication> find(BankApplicationRequested request, String bankOrderId) {
        AtomicReference<BankApi.LoanApplication> found = new AtomicReference<>();
        report.readPages(request.getMetadata().getApplicationId(), request.getBankCode(),
                request.getOrderDate().minus(CLOCK_SKEW), clock.instant().plus(CLOCK_SKEW), page -> {
                    page.stream().filter(held -> bankOrderId.equals(held.orderId())).findFirst().ifPresent(found::set);
                    return found.get() == null;
                });
        return Optional.ofNullable(found.get());
    }

    private boolean isThisOrders(BankApplicationRequested request, String bankOrderId, BankApi.LoanApplication held) {
        BigDecimal total = request.getCart().getPrice().getTotalPrice();
        return bankOrderId.equals(held.orderId())
                && sealer.open(request.getCustomer().getNationalIdentityNumber()).equals(held.nationalIdentityNumber())
                && sealer.open(request.getCustomer().getGsmNumber()).equals(held.gsm())
                && held.cart() != null && held.cart().totalPrice() != null && total.compareTo(held.cart().totalPrice()) == 0;
    }
}
