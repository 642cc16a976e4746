-- At most one refund of an application is in flight at the bank: claimed before the call, released only when the
-- call never reached the bank. A refund whose answer was lost stays PENDING until the bank says what became of it,
-- or UNCERTAIN when it cannot, for an operator to settle.
create unique index one_refund_in_flight on refund (application_id) where status = 'PENDING';
create index uncertain_refunds on refund (updated_at) where status = 'UNCERTAIN';
