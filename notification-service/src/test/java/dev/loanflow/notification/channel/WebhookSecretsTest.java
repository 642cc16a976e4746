package dev.loanflow.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookSecretsTest {

    @Test
    void eachMerchantHasItsOwnSecret() {
        assertThat(WebhookSecrets.parse(" shop-a=whsec_YQ== , shop-b=whsec_Yg==")).containsExactly(
                org.assertj.core.api.Assertions.entry("shop-a", "whsec_YQ=="),
                org.assertj.core.api.Assertions.entry("shop-b", "whsec_Yg=="));
        assertThat(WebhookSecrets.parse("")).isEmpty();
        assertThat(WebhookSecrets.parse(null)).isEmpty();
    }

    @Test
    void anEntryThatIsNotAMerchantAndASecretStopsTheStartWithoutShowingTheSecret() {
        assertThatThrownBy(() -> WebhookSecrets.parse("shop-a=whsec_YQ==,shop-b=plain-secret"))
                .hasMessageContaining("entry 2").hasMessageNotContaining("plain-secret");
        assertThatThrownBy(() -> WebhookSecrets.parse("whsec_YQ==")).hasMessageContaining("entry 1");
        assertThatThrownBy(() -> WebhookSecrets.parse("shop-a=whsec_YQ==,shop-a=whsec_Yg=="))
                .hasMessageContaining("twice").hasMessageNotContaining("whsec_");
    }
}
