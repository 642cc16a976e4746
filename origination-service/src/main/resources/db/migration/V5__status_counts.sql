-- Applications by state, kept as states change, so that the status gauge and the ops dashboard read a few rows instead
-- of counting the whole table every few seconds. A trigger only appends each change (no row is updated, so concurrent
-- transactions never wait on one another); the service folds the changes into the totals every few seconds, deleting
-- them in the statement that adds them, so each change is counted once, and a reader adds the changes not folded yet.
create table application_status_total (
    status varchar(32) primary key,
    n      bigint      not null
);

create table application_status_change (
    from_status varchar(32),
    to_status   varchar(32)
);

insert into application_status_total (status, n)
select status, count(*) from loan_application group by status;

-- search_path from the migration's, so the changes are found whatever schema the writing session has in its path
create function record_application_status_change() returns trigger language plpgsql set search_path from current as $$
begin
    if tg_op = 'INSERT' then
        insert into application_status_change (from_status, to_status) values (null, new.status);
    elsif tg_op = 'DELETE' then
        insert into application_status_change (from_status, to_status) values (old.status, null);
    elsif old.status <> new.status then
        insert into application_status_change (from_status, to_status) values (old.status, new.status);
    end if;
    return null;
end
$$;

create trigger application_status_changed after insert or update of status or delete on loan_application
    for each row execute function record_application_status_change();

-- the ops dashboard's "transitions in the last minute", without reading every transition ever made
create index application_transition_by_time on application_transition (occurred_at);
