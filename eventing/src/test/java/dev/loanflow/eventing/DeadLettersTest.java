package dev.loanflow.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class DeadLettersTest {

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

    static final class DependencyDown extends RuntimeException {
        DependencyDown(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
