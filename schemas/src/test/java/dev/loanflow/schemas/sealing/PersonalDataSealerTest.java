package dev.loanflow.schemas.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.loanflow.events.SealedValue;

class PersonalDataSealerTest {

    private static final String KEY_2025 = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final String KEY_2026 = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";

    @Test
    void sealedValueOpensToTheOriginalAndHidesIt() {
        PersonalDataSealer sealer = PersonalDataSealer.withBase64Keys("2026", Map.of("2026", KEY_2026));

        SealedValue sealed = sealer.seal("10000000146");

        assertThat(sealer.open(sealed)).isEqualTo("10000000146");
        assertThat(sealed.getKeyId()).isEqualTo("2026");
        assertThat(new String(sealed.getCiphertext().array(), StandardCharsets.ISO_8859_1)).doesNotContain("10000000146");
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        PersonalDataSealer sealer = PersonalDataSealer.withBase64Keys("2026", Map.of("2026", KEY_2026));

        assertThat(sealer.seal("5551234567").getCiphertext()).isNotEqualTo(sealer.seal("5551234567").getCiphertext());
    }

    @Test
    void valuesSealedWithARetiredKeyStillOpenAfterRotation() {
        SealedValue old = PersonalDataSealer.withBase64Keys("2025", Map.of("2025", KEY_2025)).seal("5551234567");
        PersonalDataSealer rotated = PersonalDataSealer.withBase64Keys("2026", Map.of("2025", KEY_2025, "2026", KEY_2026));

        assertThat(rotated.open(old)).isEqualTo("5551234567");
        assertThat(rotated.seal("x").getKeyId()).isEqualTo("2026");
    }

    @Test
    void aFingerprintMatchesItsTextOnlyAndNamesItsKey() {
        PersonalDataSealer sealer = PersonalDataSealer.withBase64Keys("2026", Map.of("2026", KEY_2026));

        String fingerprint = sealer.fingerprint("10000000146|5551234567");

        assertThat(fingerprint).matches("2026:[0-9a-f]{64}").isEqualTo(sealer.fingerprint("10000000146|5551234567"));
        assertThat(sealer.matches(fingerprint, "10000000146|5551234567")).isTrue();
        assertThat(sealer.matches(fingerprint, "10000000146|5551234568")).isFalse();
    }

    @Test
    void aFingerprintIsKeyedSoItCannotBeRecomputedWithoutTheKey() {
        PersonalDataSealer one = PersonalDataSealer.withBase64Keys("k", Map.of("k", KEY_2025));
        PersonalDataSealer other = PersonalDataSealer.withBase64Keys("k", Map.of("k", KEY_2026));

        assertThat(one.fingerprint("10000000146")).isNotEqualTo(other.fingerprint("10000000146"));
        assertThat(one.fingerprint("10000000146")).doesNotContain(HexFormat.of().formatHex(sha256("10000000146")));
    }

    @Test
    void fingerprintsMadeWithARetiredKeyStillMatchAfterRotationButNotOnceTheKeyIsGone() {
        String old = PersonalDataSealer.withBase64Keys("2025", Map.of("2025", KEY_2025)).fingerprint("5551234567");
        PersonalDataSealer rotated = PersonalDataSealer.withBase64Keys("2026", Map.of("2025", KEY_2025, "2026", KEY_2026));
        PersonalDataSealer retired = PersonalDataSealer.withBase64Keys("2026", Map.of("2026", KEY_2026));

        assertThat(rotated.matches(old, "5551234567")).isTrue();
        assertThat(rotated.fingerprint("5551234567")).startsWith("2026:");
        assertThat(retired.matches(old, "5551234567")).isFalse();
        assertThat(retired.matches("no key named", "5551234567")).isFalse();
    }

    @Test
    void tamperedCiphertextIsRefused() {
        PersonalDataSealer sealer = PersonalDataSealer.withBase64Keys("2026", Map.of("2026", KEY_2026));
        SealedValue sealed = sealer.seal("10000000146");
        byte[] bytes = sealed.getCiphertext().array().clone();
        bytes[bytes.length - 1] ^= 1;

        assertThatThrownBy(() -> sealer.open(new SealedValue("2026", ByteBuffer.wrap(bytes))))
                .isInstanceOf(IllegalStateException.class);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
