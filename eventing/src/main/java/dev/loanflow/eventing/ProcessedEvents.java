package dev.loanflow.eventing;

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

    /** True the first time; false when the event was processed before (its effect must not repeat). */
    public boolean markProcessed(String eventId, String eventType) {
        return jdbc.sql(RECORD).params(eventId, eventType).update() == 1;
    }
}
