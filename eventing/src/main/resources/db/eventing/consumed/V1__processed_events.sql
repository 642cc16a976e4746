-- Consumed events, recorded in the same transaction as their effect: a redelivered event is recognised and skipped.
create table processed_event (
    event_id     varchar(64) primary key,
    event_type   varchar(100) not null,
    processed_at timestamptz  not null default now()
);
