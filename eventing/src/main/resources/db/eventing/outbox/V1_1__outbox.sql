-- Events that left with the state change that caused them; relayed to Kafka in id order. The trace of the
-- transaction that wrote each event is kept, so the relay continues it (one trace per application).
create table outbox (
    id             bigserial    primary key,
    application_id varchar(64)  not null,
    topic          varchar(200) not null,
    event_type     varchar(200) not null,
    payload        bytea        not null,
    created_at     timestamptz  not null default now(),
    trace_parent   varchar(64)
);
