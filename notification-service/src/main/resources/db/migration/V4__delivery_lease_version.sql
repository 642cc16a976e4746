-- Each claim of a delivery takes a new lease version; an attempt is recorded only under the version it was claimed
-- with, so a sender whose lease ran out and was taken over cannot overwrite the new holder's state.
alter table delivery add column lease_version bigint not null default 0;
