package dev.loanflow.eventing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Consumed events, recorded in the transaction of their effect. */

public class ProcessedEvents {

    /** Records an event as consumed (parameters: its id and type); changes nothing when it was recorded before. */
    public static final String RECORD =
            "insert into processed_event (event_id, event_type) values (?, ?) on conflict do nothing";

    private final JdbcClient jdbc;

    public ProcessedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean alreadyProcessed(String eventId) {
        return jdbc.sql("select count(*) from processed_event where event_id = ?").param(eventId).query(Integer.class).single() > 0;
    }

    /** Records the events in one statement; returns the ids recorded now, not those processed before. */
    public Set<String> markAllProcessed(Collection<String> eventIds, String eventType) {
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

    /** True the first time; false when the event was processed before (its effect must not repeat). */
    public boolean markProcessed(String eventId, String eventType) {
        return jdbc.sql(RECORD).params(eventId, eventType).update() == 1;
    }
}
