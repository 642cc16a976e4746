-- A row that fails to be sent for a reason of its own (unreadable, refused by Kafka) is tried a few times, then
-- parked: kept, shown to operators, and no longer in the way of the other applications' events.
alter table outbox add column attempts   integer      not null default 0;
alter table outbox add column last_error varchar(500);
alter table outbox add column parked_at  timestamptz;
create index outbox_failing on outbox (application_id, id) where attempts > 0 and parked_at is null;
