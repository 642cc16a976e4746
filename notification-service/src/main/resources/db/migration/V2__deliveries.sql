-- Every notification to send, one per event, channel and recipient: the unique key makes redelivered events harmless.
create table delivery (
    id                 bigserial     primary key,
    event_id           varchar(64)   not null,
    application_id     varchar(64)   not null,
    merchant_id        varchar(64)   not null,
    channel            varchar(16)   not null,
    recipient_masked   varchar(320)  not null,
    recipient_sealed   bytea,
    recipient_key_id   varchar(32),
    target_url         varchar(2048),
    subject            varchar(500),
    body               text          not null,
    status             varchar(16)   not null,
    attempts           integer       not null default 0,
    next_attempt_at    timestamptz   not null default now(),
    last_error         varchar(500),
    created_at         timestamptz   not null default now(),
    updated_at         timestamptz   not null default now(),
    constraint one_delivery_per_event_and_channel unique (event_id, channel)
);
create index delivery_due on delivery (next_attempt_at) where status in ('PENDING', 'RETRYING');
create index delivery_by_application on delivery (application_id, id);

-- Every attempt, with its outcome.
create table delivery_attempt (
    id            bigserial    primary key,
    delivery_id   bigint       not null references delivery (id),
    attempt       integer      not null,
    outcome       varchar(16)  not null,
    detail        varchar(500),
    attempted_at  timestamptz  not null default now()
);
create index delivery_attempt_by_delivery on delivery_attempt (delivery_id, id);
