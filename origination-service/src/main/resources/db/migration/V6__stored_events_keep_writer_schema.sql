-- An application's stored events are now kept as Kafka carries them (Confluent's wire format, which names the
-- writer's schema id). Those stored before, plain Avro binary, are marked with a first byte 0xFF so they are still read.
update loan_application set pre_approval_request = '\xff'::bytea || pre_approval_request,
    pre_approved = '\xff'::bytea || pre_approved,
    bank_application = '\xff'::bytea || bank_application;
