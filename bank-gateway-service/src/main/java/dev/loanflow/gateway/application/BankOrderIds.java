package dev.loanflow.gateway.application;

import org.springframework.stereotype.Component;

/**
 * Order ids as the bank sees them. All our merchants share one bank merchant number, and the bank keeps order ids
 * unique per merchant number, so two of our merchants may use the same order id: the bank's order id is the
 * merchant's id, a colon, and the merchant's order id. A colon or percent sign in a merchant id is escaped, so no
 * two (merchant, order) pairs meet in one bank order id.
 */
@Component
class BankOrderIds {

    private final SeededDefects defects;

    BankOrderIds(SeededDefects defects) {
        this.defects = defects;
    }

    String of(String merchantId, String orderId) {
        if (defects.orderIdsShared()) {
            return orderId;
        }
        return merchantId.replace("%", "%25").replace(":", "%3A") + ":" + orderId;
    }
}
