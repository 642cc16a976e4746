-- Applications by state, kept as states change, so that the status gauge and the ops dashboard read a few dozen rows
-- instead of counting the whole table every few seconds. Each connection adds to its own shard of a state's count, so
-- concurrent transactions do not wait for one another's row; a state's count is the sum over its shards.
create table application_status_count (
    status varchar(32) not null,
    shard  smallint    not null,
    n      bigint      not null,
    primary key (status, shard)
);

insert into application_status_count (status, shard, n)
select status, 0, count(*) from loan_application group by status;

-- search_path from the migration's, so the counts are found whatever schema the writing session has in its path
create function count_application_status() returns trigger language plpgsql set search_path from current as $$
declare
    slot smallint := pg_backend_pid() % 16;
begin
    if tg_op in ('UPDATE', 'DELETE') then
        if tg_op = 'UPDATE' and old.status = new.status then
            return null;
        end if;
        insert into application_status_count (status, shard, n) values (old.status, slot, -1)
        on conflict (status, shard) do update set n = application_status_count.n - 1;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        insert into application_status_count (status, shard, n) values (new.status, slot, 1)
        on conflict (status, shard) do update set n = application_status_count.n + 1;
    end if;
    return null;
end
$$;

create trigger application_status_counted after insert or update of status or delete on loan_application
    for each row execute function count_application_status();

-- the ops dashboard's "transitions in the last minute", without reading every transition ever made
create index application_transition_by_time on application_transition (occurred_at);
