package dev.loanflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.loanflow.events.ApplicationSubmitted;

class AvroCodecTest {

    @Test
    void eventSurvivesEncodingWithExactMoney() {
        ApplicationSubmitted event = EventFixtures.aPhoneOnCredit("app-codec");

        ApplicationSubmitted decoded = (ApplicationSubmitted) AvroCodec.decode(ApplicationSubmitted.class.getName(),
                AvroCodec.encode(event));

        assertThat(decoded).usingRecursiveComparison().isEqualTo(event);
        assertThat(decoded.getCart().getItems().get(0).getWithholdingTax()).isEqualTo("0.10");
    }
}
