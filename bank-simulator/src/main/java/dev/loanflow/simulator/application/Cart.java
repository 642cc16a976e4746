package dev.loanflow.simulator.application;

import java.math.BigDecimal;
import java.util.List;

/** The financed cart, as the bank keeps it. */
public record Cart(BigDecimal itemsPrice, BigDecimal shippingPrice, BigDecimal totalPrice, List<Item> items) {

    public record Item(String productName, String categoryCode, int quantity, BigDecimal price,
                       BigDecimal totalPriceWithoutDiscounts, BigDecimal totalPrice) {
    }
}
