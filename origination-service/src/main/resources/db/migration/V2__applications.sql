-- One row per loan application. Personal data only inside the sealed pre-approval request (AES-GCM).
create table loan_application (
    application_id          varchar(64)   primary key,
    merchant_id             varchar(64)   not null,
    order_id                varchar(128)  not null,
    idempotency_key         varchar(128),
    request_hash            varchar(64)   not null,
    status                  varchar(32)   not null,
    version                 bigint        not null default 0,
    bank_code               varchar(32)   not null,
    term                    integer       not null,
    loan_amount             numeric(18,2) not null,
    refunded_total          numeric(18,2) not null default 0,
    time_to_live            timestamptz   not null,
    callback_url            varchar(2048) not null,
    correlation_id          varchar(64)   not null,
    loan_reference_id       varchar(64),
    detail                  varchar(500),
    pre_approval_request    bytea         not null,
    pre_approved            bytea,
    bank_application        bytea,
    created_at              timestamptz   not null default now(),
    updated_at              timestamptz   not null default now(),
    constraint one_application_per_order unique (merchant_id, order_id)
);
create unique index loan_application_idempotency on loan_application (merchant_id, idempotency_key)
    where idempotency_key is not null;
create index loan_application_reporting on loan_application (merchant_id, created_at desc, application_id);
create index loan_application_reporting_by_status on loan_application (merchant_id, status, created_at desc);
create index loan_application_waiting on loan_application (time_to_live)
    where status in ('NEW', 'PRE_APPROVED', 'STARTED');

-- Every transition, for audit and the status API.
create table application_transition (
    id                 bigserial    primary key,
    application_id     varchar(64)  not null references loan_application (application_id),
    from_status        varchar(32),
    to_status          varchar(32)  not null,
    event              varchar(40)  not null,
    caused_by          varchar(64),
    actor              varchar(16)  not null,
    occurred_at        timestamptz  not null default now()
);
create index application_transition_by_application on application_transition (application_id, id);

create table refund (
    refund_id          varchar(64)   primary key,
    application_id     varchar(64)   not null references loan_application (application_id),
    amount             numeric(18,2) not null,
    status             varchar(16)   not null,
    detail             varchar(500),
    requested_at       timestamptz   not null default now(),
    completed_at       timestamptz
);
create index refund_by_application on refund (application_id, requested_at);

