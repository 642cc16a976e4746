package dev.loanflow.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import com.microsoft.kiota.ApiExceptionBuilder;

import dev.loanflow.schemas.ExplainingAvroDeserializer;

class DeadLettersTest {

    private static final ConsumerRecord<String, Object> RECORD = new ConsumerRecord<>("loan.bank.requests.v1", 0, 7L, "a-1", null);
    private static final byte[] UNKNOWN_SCHEMA_ID = {0, 0x7f, 0x7f, 0x7f, 0x7f, 2, 4, 6, 8};

    @Test
    void aRetriedFailureIsDescribedByItsClassesAndOnlyOurOwnMessages() {
        Throwable failure = new IllegalStateException("listener failed: national id 10000000146",
                new DependencyDown("bank answered HTTP 503 to POST /v1/loans",
                        new DataIntegrityViolationException("Key (national_id)=(10000000146) already exists",
                                new SQLException("duplicate key"))));

        String described = DeadLetters.causes(failure);

        assertThat(described).isEqualTo("java.lang.IllegalStateException"
                + " <- dev.loanflow.eventing.DeadLettersTest$DependencyDown: bank answered HTTP 503 to POST /v1/loans"
                + " <- org.springframework.dao.DataIntegrityViolationException <- java.sql.SQLException");
        assertThat(described).doesNotContain("10000000146");
    }

    @Test
    void theDeserializersOwnExplanationIsTheCause() {
        Exception failure = unreadable(UNKNOWN_SCHEMA_ID,
                new ExplainingAvroDeserializer.UnreadableRecord("unknown schema id 2139062143"));

        assertThat(DeadLetters.readableCause(RECORD, failure)).isEqualTo("unknown schema id 2139062143");
    }

    @Test
    void bytesThatAreNotInTheWireFormatAreNamedByTheirFirstByte() {
        byte[] json = "{\"json\": true}".getBytes(StandardCharsets.UTF_8);
        Exception failure = unreadable(json, ExplainingAvroDeserializer.explained(json, new IllegalStateException()));

        assertThat(DeadLetters.readableCause(RECORD, failure)).isEqualTo("not in Confluent wire format: first byte 0x7B");
    }

    @Test
    void aSchemaIdTheRegistryDoesNotKnowIsNamed() {
        Exception failure = unreadable(UNKNOWN_SCHEMA_ID, ExplainingAvroDeserializer.explained(UNKNOWN_SCHEMA_ID,
                new ApiExceptionBuilder().withMessage("No content with id").withResponseStatusCode(404).build()));

        assertThat(DeadLetters.readableCause(RECORD, failure)).isEqualTo("unknown schema id 2139062143");
    }

    @Test
    void outagesAnywhereInTheChainPauseAndEverythingElseIsDeadLettered() {
        var outage = DeadLetters.isOutage(DependencyDown.class::isInstance);

        assertThat(outage.test(new BatchListenerFailedException("poll", new CannotCreateTransactionException("no connection"), 3))).isTrue();
        assertThat(outage.test(new QueryTimeoutException("statement timeout"))).isTrue();
        assertThat(outage.test(new TimeoutException("broker"))).isTrue();
        assertThat(outage.test(unreadable(UNKNOWN_SCHEMA_ID, new ConnectException("registry refused")))).isTrue();
        assertThat(outage.test(unreadable(UNKNOWN_SCHEMA_ID,
                new ExplainingAvroDeserializer.RegistryUnavailable("the registry could not be asked")))).isTrue();
        assertThat(outage.test(unreadable(UNKNOWN_SCHEMA_ID,
                new ExplainingAvroDeserializer.UnreadableRecord("unknown schema id 2139062143")))).isFalse();
        assertThat(outage.test(unreadable(UNKNOWN_SCHEMA_ID,
                new ApiExceptionBuilder().withResponseStatusCode(503).build()))).isTrue();
        assertThat(outage.test(new IllegalStateException(new DependencyDown("bank down", null)))).isTrue();
        assertThat(outage.test(new TransactionSystemException("commit failed",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(outage.test(new SQLException("I/O error", "08006"))).isTrue();
        assertThat(outage.test(new TransactionSystemException("Could not commit JDBC transaction",
                new SQLException("Connection is closed")))).isTrue();

        assertThat(outage.test(unreadable(UNKNOWN_SCHEMA_ID,
                new ApiExceptionBuilder().withResponseStatusCode(404).build()))).isFalse();
        assertThat(outage.test(unreadable(new byte[] {0, 0, 0, 0, 1, 9}, new EOFException("truncated record")))).isFalse();
        assertThat(outage.test(new DataIntegrityViolationException("constraint", new SQLException("duplicate key", "23505"))))
                .isFalse();
        assertThat(outage.test(new IllegalArgumentException("breaks a rule"))).isFalse();
    }

    private static DeserializationException unreadable(byte[] bytes, Throwable cause) {
        return new DeserializationException("failed to deserialize", bytes, false, cause);
    }

    static final class DependencyDown extends RuntimeException {
        DependencyDown(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
