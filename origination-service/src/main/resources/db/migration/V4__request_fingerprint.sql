-- A submission's request hash is now a keyed fingerprint that covers the customer too: "<personal-data key id>:<HMAC>".
-- Widening a varchar does not rewrite the table. Rows from before keep their plain hash and are compared as they were.
alter table loan_application alter column request_hash type varchar(200);
