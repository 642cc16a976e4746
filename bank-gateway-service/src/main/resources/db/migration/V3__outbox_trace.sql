-- The trace of the transaction that wrote each event, so the relay continues it (one trace per application).
alter table outbox add column trace_parent varchar(64);
