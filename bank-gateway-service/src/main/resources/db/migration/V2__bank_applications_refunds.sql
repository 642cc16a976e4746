-- What the gateway knows of each application at the bank; no personal data.
create table bank_application (
    application_id            varchar(64)  primary key,
    merchant_id               varchar(64)  not null,
    order_id                  varchar(128) not null,
    bank_code                 varchar(32)  not null,
    pre_approval_reference_id varchar(64),
    loan_reference_id         varchar(64)  unique,
    status                    varchar(32)  not null,
    correlation_id            varchar(64)  not null,
    time_to_live              timestamptz,
    created_at                timestamptz  not null default now(),
    updated_at                timestamptz  not null default now(),
    last_checked_at           timestamptz  not null default now()
);
create index bank_application_waiting on bank_application (last_checked_at) where status = 'STARTED';

-- Every call to the bank, for audit and for recovery; no personal data.
create table bank_interaction (
    id                 bigserial    primary key,
    application_id     varchar(64),
    bank_code          varchar(32)  not null,
    operation          varchar(40)  not null,
    outcome            varchar(60)  not null,
    duration_millis    integer      not null,
    occurred_at        timestamptz  not null default now()
);
create index bank_interaction_by_application on bank_interaction (application_id);

create table refund (
    refund_id          varchar(64)   primary key,
    application_id     varchar(64)   not null references bank_application (application_id),
    amount             numeric(18,2) not null,
    refunded_before    numeric(18,2) not null,
    status             varchar(16)   not null,
    bank_reference_id  varchar(64),
    created_at         timestamptz   not null default now(),
    updated_at         timestamptz   not null default now()
);

