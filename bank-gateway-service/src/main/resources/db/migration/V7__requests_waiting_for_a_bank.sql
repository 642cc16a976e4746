-- Requests for a bank that is down (its circuit breaker open) wait here, so that the other banks' requests on the same
-- partition go on; an application's later requests wait behind its first, and all are retried in order (id).
create table waiting_request (
    id              bigserial primary key,
    event_id        varchar(64)  not null unique,
    application_id  varchar(64)  not null,
    bank_code       varchar(32)  not null,
    topic           varchar(200) not null,
    kafka_partition int          not null,
    kafka_offset    bigint       not null,
    -- the request as consumed, in Confluent's wire format (its writer schema id first)
    payload         bytea        not null,
    waiting_since   timestamptz  not null default now(),
    attempts        int          not null default 0,
    next_attempt_at timestamptz  not null default now(),
    last_failure    varchar(500)
);
create index waiting_request_in_turn on waiting_request (application_id, id);
