-- A customer's e-mail or SMS names them: its text is kept sealed (a SealedValue, like the recipient) and opened only
-- to send it. A webhook carries no personal data and its body stays readable.
alter table delivery add column body_sealed bytea;
alter table delivery alter column body drop not null;
