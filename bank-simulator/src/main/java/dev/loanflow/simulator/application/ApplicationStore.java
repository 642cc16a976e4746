package dev.loanflow.simulator.application;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The bank's applications in memory, indexed for what the API asks: by reference, by merchant and order id (which
 * must be unique), by application date (reporting), and the waiting ones by deadline (time-outs).
 */
public final class ApplicationStore {

    private final Map<String, LoanApplication> byReference = new ConcurrentHashMap<>();
    private final Map<String, String> referenceByOrder = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<DateKey, LoanApplication> byDate = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListSet<DeadlineKey> waiting = new ConcurrentSkipListSet<>();
    private final Map<String, PreAssessment> preAssessments = new ConcurrentHashMap<>();

    public void savePreAssessment(PreAssessment assessment) {
        preAssessments.put(assessment.referenceId(), assessment);
    }

    public Optional<PreAssessment> preAssessment(String referenceId, long merchantNo) {
        return Optional.ofNullable(preAssessments.get(referenceId)).filter(found -> found.merchantNo() == merchantNo);
    }

    /** Adds the application unless the merchant already has one for the order id; returns the one that holds it. */
    public LoanApplication addIfOrderIsNew(LoanApplication application) {
        String existing = referenceByOrder.putIfAbsent(orderKey(application.merchantNo(), application.orderId()),
                application.referenceId());
        if (existing != null) {
            return byReference.get(existing);
        }
        byReference.put(application.referenceId(), application);
        byDate.put(new DateKey(application.applicationDate(), application.referenceId()), application);
        if (application.status().awaitsCustomer()) {
            waiting.add(new DeadlineKey(application.timeToLive(), application.referenceId()));
        }
        return application;
    }

    public void consumePreAssessment(String referenceId) {
        preAssessments.remove(referenceId);
    }

    public Optional<LoanApplication> find(String referenceId, long merchantNo) {
        return Optional.ofNullable(byReference.get(referenceId)).filter(found -> found.merchantNo() == merchantNo);
    }

    /** Any merchant's application, for the sandbox's own API. */
    public Optional<LoanApplication> find(String referenceId) {
        return Optional.ofNullable(byReference.get(referenceId));
    }

    public Optional<LoanApplication> findByOrder(long merchantNo, String orderId) {
        return Optional.ofNullable(referenceByOrder.get(orderKey(merchantNo, orderId))).map(byReference::get);
    }

    /** Waiting applications whose time to live (epoch seconds) has passed; they leave the waiting index. */
    public List<LoanApplication> takeExpired(Instant now) {
        Set<DeadlineKey> due = waiting.headSet(new DeadlineKey(now.getEpochSecond(), ""));
        List<LoanApplication> expired = due.stream().map(key -> byReference.get(key.referenceId())).toList();
        waiting.removeAll(List.copyOf(due));
        return expired;
    }

    public Page page(long merchantNo, Instant from, Instant to, Predicate<LoanApplication> filter, int pageNumber, int pageSize) {
        List<LoanApplication> matching = inRange(from, to)
                .filter(application -> application.merchantNo() == merchantNo)
                .filter(filter)
                .toList();
        int first = Math.min(matching.size(), pageNumber * pageSize);
        return new Page(matching.subList(first, Math.min(matching.size(), first + pageSize)), matching.size());
    }

    public int size() {
        return byReference.size();
    }

    public Stream<LoanApplication> all() {
        return byReference.values().stream();
    }

    private Stream<LoanApplication> inRange(Instant from, Instant to) {
        return byDate.subMap(new DateKey(from, ""), true, new DateKey(to, "\uffff"), true).values().stream();
    }

    private static String orderKey(long merchantNo, String orderId) {
        return merchantNo + ":" + orderId;
    }

    public record Page(List<LoanApplication> applications, long totalElements) {
    }

    private record DateKey(Instant date, String referenceId) implements Comparable<DateKey> {
        private static final Comparator<DateKey> ORDER =
                Comparator.comparing(DateKey::date).thenComparing(DateKey::referenceId);

        @Override
        public int compareTo(DateKey other) {
            return ORDER.compare(this, other);
        }
    }

    private record DeadlineKey(long deadline, String referenceId) implements Comparable<DeadlineKey> {
        private static final Comparator<DeadlineKey> ORDER =
                Comparator.comparingLong(DeadlineKey::deadline).thenComparing(DeadlineKey::referenceId);

        @Override
        public int compareTo(DeadlineKey other) {
            return ORDER.compare(this, other);
        }
    }
}
