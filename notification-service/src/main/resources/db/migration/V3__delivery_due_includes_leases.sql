-- The dispatcher claims deliveries that are pending, retrying or whose lease ran out (status SENDING); an index that
-- left SENDING out could not serve that query, which then read the whole table on every poll.
drop index delivery_due;
create index delivery_due on delivery (next_attempt_at) where status in ('PENDING', 'RETRYING', 'SENDING');
