package dev.loanflow.eventing;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.simple.JdbcClient;


import dev.loanflow.schemas.AvroCodec;
import dev.loanflow.schemas.Topic;

/** Appends events in the caller's transaction; {@link OutboxRelay} sends them to Kafka after commit. */

public class Outbox {

    private final JdbcClient jdbc;
    private final TraceContexts traces;

    public Outbox(JdbcClient jdbc, TraceContexts traces) {
        this.jdbc = jdbc;
        this.traces = traces;
    }

    public void append(Topic topic, String applicationId, SpecificRecord event) {
        jdbc.sql("insert into outbox (application_id, topic, event_type, payload, trace_parent) values (?, ?, ?, ?, ?)")
                .params(applicationId, topic.topicName(), event.getClass().getName(), AvroCodec.encode(event), traces.current())
                .update();
    }
}
