package dev.loanflow.origination.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.loanflow.events.ApplicationSubmitted;
import dev.loanflow.events.Customer;
import dev.loanflow.origination.flow.SubmissionProducer;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

class RequestFingerprintsTest {

    private static final String NATIONAL_ID = "10000000146";

    private final RequestFingerprints fingerprints = new RequestFingerprints(PersonalDataSealer.withBase64Keys("2026",
            Map.of("2026", "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=")));
    private final ApplicationSubmitted submission = SubmissionProducer.submission("app-1", NATIONAL_ID);

    @Test
    void theSameSubmissionMatchesItsFingerprint() {
        String stored = fingerprints.of(submission);

        assertThat(fingerprints.matches(stored, ApplicationSubmitted.newBuilder(submission).build())).isTrue();
    }

    @Test
    void anotherCustomerForTheSameOrderIsAnotherRequest() {
        String stored = fingerprints.of(submission);
        ApplicationSubmitted anotherPhone = ApplicationSubmitted.newBuilder(submission)
                .setCustomer(Customer.newBuilder(submission.getCustomer()).setGsmNumber("5559876543").build()).build();
        ApplicationSubmitted anotherPerson = ApplicationSubmitted.newBuilder(submission)
                .setCustomer(Customer.newBuilder(submission.getCustomer()).setNationalIdentityNumber("10000000078").build())
                .build();

        assertThat(fingerprints.matches(stored, anotherPhone)).isFalse();
        assertThat(fingerprints.matches(stored, anotherPerson)).isFalse();
        assertThat(fingerprints.matches(stored, submission)).isTrue();
    }

    @Test
    void theFingerprintNamesItsKeyAndHoldsNoPersonalData() {
        assertThat(fingerprints.of(submission)).matches("2026:[0-9a-f]{64}").doesNotContain(NATIONAL_ID);
    }

    @Test
    void aHashStoredBeforeFingerprintsIsComparedTheWayItWasMade() {
        String legacy = RequestFingerprints.legacyHash(submission);
        ApplicationSubmitted anotherTerm = ApplicationSubmitted.newBuilder(submission).setTerm(3).build();

        assertThat(fingerprints.matches(legacy, ApplicationSubmitted.newBuilder(submission).build())).isTrue();
        assertThat(fingerprints.matches(legacy, anotherTerm)).isFalse();
    }
}
