package dev.loanflow.origination.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.loanflow.events.ApplicationSubmitted;
import dev.loanflow.events.Customer;
import dev.loanflow.schemas.sealing.PersonalDataSealer;

/**
 * Whether a submission is the same request as a stored application, the customer included, without storing the
 * customer's personal data: what is stored is a keyed fingerprint ({@link PersonalDataSealer#fingerprint}).
 */
final class RequestFingerprints {

    private final PersonalDataSealer sealer;

    RequestFingerprints(PersonalDataSealer sealer) {
        this.sealer = sealer;
    }

    String of(ApplicationSubmitted submission) {
        return sealer.fingerprint(sameRequest(submission));
    }

    boolean matches(String stored, ApplicationSubmitted submission) {
        return isFingerprint(stored) ? sealer.matches(stored, sameRequest(submission)) : stored.equals(legacyHash(submission));
    }

    /** A fingerprint names its key ({@code <key id>:<hex>}); a hash stored before fingerprints is hex only. */
    private static boolean isFingerprint(String stored) {
        return stored.indexOf(':') >= 0;
    }

    private static String sameRequest(ApplicationSubmitted submission) {
        Customer customer = submission.getCustomer();
        return String.join("|", submission.getOrderId(), submission.getBankCode(), String.valueOf(submission.getTerm()),
                String.valueOf(submission.getTimeToLive().toEpochMilli()), submission.getCallbackUrl(),
                submission.getCart().toString(), customer.getNationalIdentityNumber(), customer.getGsmNumber(),
                String.valueOf(customer.getEmail()), customer.getFullName(), String.valueOf(customer.getLanguage()));
    }

    /**
     * How applications stored before fingerprints were hashed: without the customer, since an unkeyed hash of personal
     * data could be reversed. A resubmission of one of them is compared the way it was stored.
     */
    static String legacyHash(ApplicationSubmitted submission) {
        String canonical = String.join("|", submission.getOrderId(), submission.getBankCode(),
                String.valueOf(submission.getTerm()), String.valueOf(submission.getTimeToLive().toEpochMilli()),
                submission.getCallbackUrl(), submission.getCart().toString());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
