package dev.loanflow.eventing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link ConsumedEvents} in the service's database; the table it writes ({@code processed_event}) ships with this module. */
public final class JdbcConsumedEvents implements ConsumedEvents {

    /** Records an event as consumed (parameters: its id and type); changes nothing when it was recorded before. */
    public static final String RECORD =
            "insert into processed_event (event_id, event_type) values (?, ?) on conflict do nothing";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public JdbcConsumedEvents(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @Override
    public boolean alreadyConsumed(String eventId) {
        return jdbc.sql("select count(*) from processed_event where event_id = ?").param(eventId).query(Integer.class).single() > 0;
    }

    @Override
    public Set<String> alreadyConsumedAmong(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select event_id from processed_event where event_id = any(?)")
                .param(eventIds.toArray(String[]::new)).query(String.class).list());
    }

    @Override
    public boolean record(String eventId, String eventType) {
        return jdbc.sql(RECORD).params(eventId, eventType).update() == 1;
    }

    @Override
    public Set<String> recordAll(Collection<String> eventIds, String eventType) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        List<Object> params = new ArrayList<>(eventIds.size() * 2);
        eventIds.forEach(eventId -> params.addAll(List.of(eventId, eventType)));
        return new HashSet<>(jdbc.sql("insert into processed_event (event_id, event_type) values "
                        + SqlRows.times(eventIds.size(), "(?, ?)")
                        + " on conflict do nothing returning event_id")
                .params(params).query(String.class).list());
    }

    @Override
    public void applyOnce(String eventId, String eventType, Runnable effect) {
        transaction.executeWithoutResult(status -> {
            if (record(eventId, eventType)) {
                effect.run();
            }
        });
    }

    @Override
    public <E> void applyOnceEach(List<E> events, Function<E, String> eventId, String eventType, Consumer<List<E>> effect) {
        transaction.executeWithoutResult(status -> {
            List<String> ids = events.stream().map(eventId).distinct().toList();
            Set<String> fresh = new HashSet<>(recordAll(ids, eventType));
            List<E> firstTime = new ArrayList<>(fresh.size());
            for (E event : events) {
                if (fresh.remove(eventId.apply(event))) { // the first of its copies in the batch
                    firstTime.add(event);
                }
            }
            if (!firstTime.isEmpty()) {
                effect.accept(firstTime);
            }
        });
    }
}
