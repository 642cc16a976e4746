package dev.loanflow.schemas.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
    void tamperedCiphertextIsRefused() {
        PersonalDataSealer sealer = PersonalDataSealer.withBase64Keys("2026", Map.of("2026", KEY_2026));
        SealedValue sealed = sealer.seal("10000000146");
        byte[] bytes = sealed.getCiphertext().array().clone();
        bytes[bytes.length - 1] ^= 1;

        assertThatThrownBy(() -> sealer.open(new SealedValue("2026", ByteBuffer.wrap(bytes))))
                .isInstanceOf(IllegalStateException.class);
    }
}
