package dev.loanflow.origination.application;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.loanflow.events.ApplicationSubmitted;
import dev.loanflow.events.Cart;
import dev.loanflow.events.CartItem;
import dev.loanflow.events.Customer;
import dev.loanflow.origination.domain.NationalIdentityNumber;
import dev.loanflow.origination.domain.Violation;

/** Everything a submission must satisfy before the platform takes it on; every broken rule is named. */
public final class SubmissionRules {

    private final Map<String, List<Integer>> termsByBank;

    /** @param termsByBank the terms each contracted bank offers */
    public SubmissionRules(Map<String, List<Integer>> termsByBank) {
        this.termsByBank = Map.copyOf(termsByBank);
    }

    public List<Violation> check(ApplicationSubmitted submission, Instant now) {
        List<Violation> violations = new ArrayList<>();
        require(violations, notBlank(submission.getOrderId()) && submission.getOrderId().length() <= 128,
                "orderId", "must be 1 to 128 characters");
        List<Integer> terms = termsByBank.get(submission.getBankCode());
        if (terms == null) {
            violations.add(new Violation("bankCode", "unknown bank; known: " + termsByBank.keySet().stream().sorted().toList()));
        } else {
            require(violations, terms.contains(submission.getTerm()), "term", "must be one of " + terms);
        }
        require(violations, submission.getTimeToLive().isAfter(now), "timeToLive", "must be in the future");
        require(violations, isHttps(submission.getCallbackUrl()), "callbackUrl", "must be an https URL");
        checkCustomer(submission.getCustomer(), violations);
        checkCart(submission.getCart(), violations);
        return violations;
    }

    private static void checkCustomer(Customer customer, List<Violation> violations) {
        require(violations, NationalIdentityNumber.isValid(customer.getNationalIdentityNumber()),
                "customer.nationalIdentityNumber", "must be an 11-digit identity number with valid check digits");
        require(violations, customer.getGsmNumber() != null && customer.getGsmNumber().matches("5\\d{9}"),
                "customer.gsmNumber", "must have the form 5XXXXXXXXX");
        require(violations, customer.getEmail() == null || customer.getEmail().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"),
                "customer.email", "must be an e-mail address");
    }

    private static void checkCart(Cart cart, List<Violation> violations) {
        List<CartItem> items = cart.getItems();
        require(violations, !items.isEmpty() && items.size() <= 100, "cart.items", "must hold 1 to 100 items");
        BigDecimal itemTotals = BigDecimal.ZERO;
        for (int i = 0; i < items.size(); i++) {
            CartItem item = items.get(i);
            String at = "cart.items[" + i + "]";
            require(violations, notBlank(item.getProductName()), at + ".productName", "must not be blank");
            require(violations, notBlank(item.getCategoryCode()), at + ".categoryCode", "must not be blank");
            require(violations, item.getQuantity() >= 1, at + ".quantity", "must be at least 1");
            require(violations, positive(item.getTotalPrice()), at + ".totalPrice", "must be positive");
            require(violations, positive(item.getTotalPriceWithoutDiscounts()), at + ".totalPriceWithoutDiscounts", "must be positive");
            require(violations, item.getTotalPrice().compareTo(item.getTotalPriceWithoutDiscounts()) <= 0,
                    at + ".totalPrice", "must not exceed totalPriceWithoutDiscounts");
            require(violations, item.getPrice() == null || item.getPrice().multiply(BigDecimal.valueOf(item.getQuantity()))
                    .compareTo(item.getTotalPriceWithoutDiscounts()) == 0, at + ".price",
                    "times quantity must equal totalPriceWithoutDiscounts");
            require(violations, item.getCommissionRate() == null || item.getCommissionAmount() == null,
                    at + ".commissionRate", "only one of commissionRate and commissionAmount may be given");
            requireNotNegative(violations, item.getCommissionRate(), at + ".commissionRate");
            requireNotNegative(violations, item.getCommissionAmount(), at + ".commissionAmount");
            requireNotNegative(violations, item.getWithholdingTax(), at + ".withholdingTax");
            requireNotNegative(violations, item.getMarketplaceCost(), at + ".marketplaceCost");
            itemTotals = itemTotals.add(item.getTotalPrice());
        }
        BigDecimal itemsPrice = cart.getPrice().getItemsPrice();
        require(violations, itemsPrice.compareTo(itemTotals) == 0, "cart.price.itemsPrice",
                "must equal the sum of the items' totalPrice (" + itemTotals + ")");
        require(violations, cart.getPrice().getShippingPrice().signum() >= 0, "cart.price.shippingPrice", "must not be negative");
        require(violations, positive(cart.getPrice().getTotalPrice())
                        && itemsPrice.add(cart.getPrice().getShippingPrice()).compareTo(cart.getPrice().getTotalPrice()) == 0,
                "cart.price.totalPrice", "must be positive and equal itemsPrice + shippingPrice");
    }

    private static boolean isHttps(String url) {
        try {
            URI uri = URI.create(url);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static void requireNotNegative(List<Violation> violations, BigDecimal amount, String field) {
        require(violations, amount == null || amount.signum() >= 0, field, "must not be negative");
    }

    private static boolean positive(BigDecimal amount) {
        return amount != null && amount.signum() > 0;
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    private static void require(List<Violation> violations, boolean rule, String field, String message) {
        if (!rule) {
            violations.add(new Violation(field, message));
        }
    }
}
