-- A bank callback can arrive before the answer that named its application is committed here: it is kept as a hint
-- and acted on as soon as the application is known.
create table bank_callback_hint (
    loan_reference_id varchar(64) primary key,
    received_at       timestamptz not null default now()
);
