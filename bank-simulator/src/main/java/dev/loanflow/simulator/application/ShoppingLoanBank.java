package dev.loanflow.simulator.application;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.concurrent.ThreadLocalRandom;

import dev.loanflow.simulator.bank.Bank;
import dev.loanflow.simulator.bank.BankCatalogue;
import dev.loanflow.simulator.loan.LoanCalculator;
import dev.loanflow.simulator.loan.PaymentSchedule;

/** The shopping-loan API's rules: sessions, simulation, pre-credit assessment, applications, refunds, reporting. */
public final class ShoppingLoanBank {

    public static final String SUCCESS = "0";
    public static final String DECLINED = "51";
    public static final String APPLICATION_FAILED = "91";
    public static final String REFUND_ANOMALY = "96";

    private final BankCatalogue banks;
    private final ApplicationStore store;
    private final BankLedger ledger;
    private final CustomerScenario.Overrides scenarios;
    private final CustomerJourney journey;
    private final Clock clock;
    private final String redirectionBaseUrl;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Predicate<String> bankDown;

    /** @param bankDown whether a bank, by code, is down now: its calls change nothing and fail with {@link BankDown} */
    public ShoppingLoanBank(BankCatalogue banks, ApplicationStore store, CustomerScenario.Overrides scenarios,
                            CustomerJourney journey, BankLedger ledger, Clock clock, String redirectionBaseUrl,
                            Predicate<String> bankDown) {
        this.banks = banks;
        this.bankDown = bankDown;
        this.ledger = ledger;
        this.store = store;
        this.scenarios = scenarios;
        this.journey = journey;
        this.clock = clock;
        this.redirectionBaseUrl = redirectionBaseUrl;
    }

    public List<Bank> banks() {
        return banks.all();
    }

    public String startSession(long merchantNo, String bankCode) {
        Bank bank = banks.activeBank(bankCode).orElseThrow(() -> new BankRefusal(BankRefusal.Kind.INVALID,
                "UNKNOWN_BANK", "No active bank with code " + bankCode));
        requireAnswering(bank);
        String referenceId = UUID.randomUUID().toString();
        sessions.put(referenceId, new Session(merchantNo, bank));
        return referenceId;
    }

    public List<PaymentSchedule> simulate(long merchantNo, String sessionReferenceId, Integer maxTerm, Cart cart) {
        Bank bank = session(merchantNo, sessionReferenceId).bank();
        requireAnswering(bank);
        requireConsistent(cart);
        return offers(bank, maxTerm == null ? bank.longestTerm() : maxTerm, cart.totalPrice());
    }

    public PreAssessmentOutcome preAssess(long merchantNo, String sessionReferenceId, String nationalIdentityNumber,
                                          String gsmNumber, String orderId, int maxTerm, Cart cart) {
        Bank bank = session(merchantNo, sessionReferenceId).bank();
        requireAnswering(bank);
        requireCustomer(nationalIdentityNumber, gsmNumber);
        requireConsistent(cart);
        CustomerScenario scenario = scenarios.forCustomer(nationalIdentityNumber, gsmNumber);
        boolean approved = scenario != CustomerScenario.DECLINE_PRE_APPROVAL;
        PreAssessment assessment = new PreAssessment(UUID.randomUUID().toString(), sessionReferenceId, merchantNo,
                bank.code(), orderId, nationalIdentityNumber, gsmNumber, maxTerm, cart.totalPrice(), scenario, approved,
                clock.instant());
        store.savePreAssessment(assessment);
        ledger.performed(merchantNo, orderId, BankLedger.Operation.PRE_ASSESSMENT, assessment.referenceId(), cart.totalPrice(),
                approved ? "APPROVED" : "DECLINED", nationalIdentityNumber);
        return new PreAssessmentOutcome(assessment.referenceId(), approved, approved ? offers(bank, maxTerm, cart.totalPrice()) : List.of());
    }

    public LoanApplication apply(long merchantNo, String preAssessmentReferenceId, ApplicationInput input) {
        try {
            LoanApplication application = applyOnce(merchantNo, preAssessmentReferenceId, input);
            ledger.performed(merchantNo, input.orderId(), BankLedger.Operation.APPLICATION, application.referenceId(),
                    input.cart().totalPrice(), application.status().name(), input.nationalIdentityNumber());
            return application;
        } catch (BankRefusal refusal) {
            ledger.refused(merchantNo, input.orderId(), BankLedger.Operation.APPLICATION, preAssessmentReferenceId,
                    input.cart().totalPrice(), refusal.errorCode(), input.nationalIdentityNumber());
            throw refusal;
        }
    }

    private LoanApplication applyOnce(long merchantNo, String preAssessmentReferenceId, ApplicationInput input) {
        store.preAssessment(preAssessmentReferenceId, merchantNo)
                .flatMap(assessment -> banks.activeBank(assessment.bankCode())).ifPresent(this::requireAnswering);
        store.findByOrder(merchantNo, input.orderId()).ifPresent(existing -> {
            throw duplicateOrder(existing);
        });
        PreAssessment assessment = store.preAssessment(preAssessmentReferenceId, merchantNo)
                .filter(PreAssessment::approved)
                .orElseThrow(() -> new BankRefusal(BankRefusal.Kind.INVALID, "PRE_ASSESSMENT_REQUIRED",
                        "No approved pre-credit assessment " + preAssessmentReferenceId));
        Bank bank = banks.activeBank(assessment.bankCode()).orElseThrow(() -> BankRefusal.invalid("Bank no longer active"));
        requireMatches(assessment, input, bank);
        LoanApplication application = newApplication(merchantNo, bank, assessment, input);
        LoanApplication holder = store.addIfOrderIsNew(application);
        if (holder != application) {
            throw duplicateOrder(holder);
        }
        store.consumePreAssessment(assessment.referenceId());
        sessions.remove(assessment.sessionReferenceId());
        if (application.status() == LoanStatus.STARTED) {
            journey.begin(application);
        }
        return application;
    }

    public LoanApplication query(long merchantNo, String referenceId) {
        LoanApplication loan = store.find(referenceId, merchantNo)
                .orElseThrow(() -> BankRefusal.notFound("Loan application " + referenceId));
        banks.activeBank(loan.bankCode()).ifPresent(this::requireAnswering);
        return loan;
    }

    public LoanApplication.RefundResult refund(long merchantNo, String referenceId, BigDecimal amount) {
        if (amount == null || amount.compareTo(new BigDecimal("0.01")) < 0 || amount.scale() > 2) {
            throw BankRefusal.invalid("refundAmount must be at least 0.01 with at most two decimals");
        }
        LoanApplication loan = query(merchantNo, referenceId);
        LoanApplication.RefundResult result = loan.refund(amount);
        if (result.executed()) {
            ledger.performed(merchantNo, loan.orderId(), BankLedger.Operation.REFUND, referenceId, amount, null, loan.nationalIdentityNumber());
        } else {
            ledger.refused(merchantNo, loan.orderId(), BankLedger.Operation.REFUND, referenceId, amount, result.errorCode(),
                    loan.nationalIdentityNumber());
        }
        return result;
    }

    private void requireAnswering(Bank bank) {
        if (bankDown.test(bank.code())) {
            throw new BankDown(bank.code());
        }
    }

    public ApplicationStore.Page report(long merchantNo, Instant from, Instant to, String referenceId,
                                        Set<LoanStatus> statuses, int pageNumber, int pageSize) {
        if (from.isAfter(to) || pageNumber < 0 || pageSize < 1 || pageSize > 500) {
            throw BankRefusal.invalid("startDate must not be after endDate; pageNumber >= 0; pageSize between 1 and 500");
        }
        return store.page(merchantNo, from, to, application ->
                        (referenceId == null || referenceId.equals(application.referenceId()))
                                && (statuses.isEmpty() || statuses.contains(application.status())),
                pageNumber, pageSize);
    }

    private LoanApplication newApplication(long merchantNo, Bank bank, PreAssessment assessment, ApplicationInput input) {
        String referenceId = UUID.randomUUID().toString();
        boolean fails = assessment.scenario() == CustomerScenario.FAIL;
        return new LoanApplication(referenceId, "REF" + (100_000 + ThreadLocalRandom.current().nextInt(900_000)),
                bank.code() + "-" + referenceId.substring(0, 8).toUpperCase(), merchantNo, bank.code(),
                bank.monthlyRatePercent(), input.orderId(), input.orderDate(), clock.instant(),
                assessment.nationalIdentityNumber(), assessment.gsmNumber(), input.totalTerm(), input.timeToLive(),
                input.callbackUrl(), redirectionBaseUrl + "/" + referenceId, input.cart(), assessment.scenario(),
                fails ? LoanStatus.FAILED : LoanStatus.STARTED);
    }

    private void requireMatches(PreAssessment assessment, ApplicationInput input, Bank bank) {
        requireCustomer(input.nationalIdentityNumber(), input.gsmNumber());
        requireConsistent(input.cart());
        if (!assessment.orderId().equals(input.orderId())
                || !assessment.nationalIdentityNumber().equals(input.nationalIdentityNumber())
                || !assessment.gsmNumber().equals(input.gsmNumber())
                || assessment.cartTotal().compareTo(input.cart().totalPrice()) != 0) {
            throw BankRefusal.invalid("Order, customer and cart total must match the pre-credit assessment");
        }
        if (input.totalTerm() > assessment.maxTerm() || !bank.terms().contains(input.totalTerm())) {
            throw BankRefusal.invalid("totalTerm " + input.totalTerm() + " is not offered; offered: "
                    + bank.termsUpTo(assessment.maxTerm()));
        }
        if (input.timeToLive() <= clock.instant().getEpochSecond()) {
            throw BankRefusal.invalid("timeToLive must be in the future");
        }
    }

    private static void requireCustomer(String nationalIdentityNumber, String gsmNumber) {
        if (!NationalIdentityNumber.isValid(nationalIdentityNumber)) {
            throw BankRefusal.invalid("nationalIdentityNumber must be a valid 11-digit identity number");
        }
        if (gsmNumber == null || !gsmNumber.matches("5\\d{9}")) {
            throw BankRefusal.invalid("gsmNumber must have the form 5XXXXXXXXX");
        }
    }

    private static void requireConsistent(Cart cart) {
        if (cart == null) {
            throw BankRefusal.invalid("cart is required");
        }
        if (cart.itemsPrice().add(cart.shippingPrice()).compareTo(cart.totalPrice()) != 0) {
            throw BankRefusal.invalid("cart.price.totalPrice must equal itemsPrice + shippingPrice");
        }
        BigDecimal itemTotals = cart.items().stream().map(Cart.Item::totalPrice).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (itemTotals.compareTo(cart.itemsPrice()) != 0) {
            throw BankRefusal.invalid("cart.price.itemsPrice must equal the sum of the items' totalPrice");
        }
        if (cart.totalPrice().signum() <= 0) {
            throw BankRefusal.invalid("cart.price.totalPrice must be positive");
        }
    }

    private List<PaymentSchedule> offers(Bank bank, int maxTerm, BigDecimal amount) {
        LocalDateTime today = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<Integer> terms = bank.termsUpTo(maxTerm);
        if (terms.isEmpty()) {
            throw BankRefusal.invalid("No term up to " + maxTerm + " is offered; offered: " + bank.terms());
        }
        return terms.stream().map(term -> LoanCalculator.schedule(amount, bank.monthlyRatePercent(), term, today)).toList();
    }

    private Session session(long merchantNo, String referenceId) {
        Session session = sessions.get(referenceId);
        if (session == null || session.merchantNo() != merchantNo) {
            throw BankRefusal.notFound("Bank session " + referenceId);
        }
        return session;
    }

    private static BankRefusal duplicateOrder(LoanApplication existing) {
        return new BankRefusal(BankRefusal.Kind.INVALID, "DUPLICATE_ORDER_ID",
                "orderId " + existing.orderId() + " already has loan application " + existing.referenceId(),
                existing.referenceId());
    }

    public record PreAssessmentOutcome(String referenceId, boolean approved, List<PaymentSchedule> offers) {
    }

    public record ApplicationInput(String nationalIdentityNumber, String gsmNumber, String orderId,
                                   LocalDateTime orderDate, int totalTerm, long timeToLive, String callbackUrl, Cart cart) {
    }

    private record Session(long merchantNo, Bank bank) {
    }
}
