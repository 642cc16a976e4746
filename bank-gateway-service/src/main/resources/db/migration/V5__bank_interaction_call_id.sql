-- A bank call is written once even when it is written twice: when a connection dies during the commit that records
-- it, the gateway cannot know whether the commit happened and writes the call again; the id makes that harmless.
alter table bank_interaction add column call_id uuid;
create unique index bank_interaction_call on bank_interaction (call_id);
