-- Events are now stored as Kafka carries them (Confluent's wire format, which names the writer's schema id). Rows
-- stored before, plain Avro binary, are marked with a first byte 0xFF so they are still read and sent.
update outbox set payload = '\xff'::bytea || payload;
