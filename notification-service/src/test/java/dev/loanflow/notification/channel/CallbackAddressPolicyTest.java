package dev.loanflow.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CallbackAddressPolicyTest {

    private final CallbackAddressPolicy strict = new CallbackAddressPolicy(false);
    private final CallbackAddressPolicy local = new CallbackAddressPolicy(true);

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.0.0.5/hook",
            "http://192.168.1.10/hook", "http://172.16.0.1/hook", "http://[::1]/hook", "http://[fc00::1]/hook"})
    void privateAndLoopbackAddressesAreRefusedByDefault(String url) {
        assertThat(strict.refusal(url)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data", "http://0.0.0.0/hook", "http://224.0.0.1/hook",
            "ftp://93.184.216.34/hook", "file:///etc/passwd", "https://user:secret@93.184.216.34/hook", "not a url"})
    void metadataWildcardMulticastOtherSchemesAndCredentialsAreAlwaysRefused(String url) {
        assertThat(local.refusal(url)).isPresent();
        assertThat(strict.refusal(url)).isPresent();
    }

    @Test
    void publicAddressesAreAllowedAndLoopbackOnlyWhenConfigured() {
        assertThat(strict.refusal("https://93.184.216.34/hook")).isEmpty();
        assertThat(local.refusal("http://127.0.0.1:8080/hook")).isEmpty();
    }
}
