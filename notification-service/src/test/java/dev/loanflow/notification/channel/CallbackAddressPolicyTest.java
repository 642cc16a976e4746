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

    @ParameterizedTest
    @ValueSource(strings = {"http://0.1.2.3/hook", "http://100.64.0.1/hook", "http://100.127.255.254/hook",
            "http://192.0.0.8/hook", "http://192.0.2.1/hook", "http://198.18.0.1/hook", "http://198.19.255.1/hook",
            "http://198.51.100.7/hook", "http://203.0.113.9/hook", "http://240.0.0.1/hook", "http://255.255.255.255/hook",
            "http://[64:ff9b::a9fe:a9fe]/hook", "http://[2001:db8::1]/hook", "http://[100::1]/hook"})
    void specialPurposeAddressesAreAlwaysRefused(String url) {
        assertThat(local.refusal(url)).isPresent();
        assertThat(strict.refusal(url)).isPresent();
    }

    @Test
    void addressesBesideTheSpecialRangesAreNotCaught() {
        assertThat(strict.refusal("https://100.128.0.1/hook")).isEmpty();
        assertThat(strict.refusal("https://198.20.0.1/hook")).isEmpty();
        assertThat(strict.refusal("https://[2001:db9::1]/hook")).isEmpty();
    }

    @Test
    void onlyTheWebsPortsAreCalledInProduction() {
        assertThat(strict.refusal("https://93.184.216.34:443/hook")).isEmpty();
        assertThat(strict.refusal("http://93.184.216.34:80/hook")).isEmpty();
        assertThat(strict.refusal("https://93.184.216.34:22/hook")).contains("only ports [80, 443] are called");
        assertThat(strict.refusal("https://93.184.216.34:6379/hook")).isPresent();
        assertThat(local.refusal("http://127.0.0.1:6379/hook")).isEmpty();
    }

    @Test
    void publicAddressesAreAllowedAndLoopbackOnlyWhenConfigured() {
        assertThat(strict.refusal("https://93.184.216.34/hook")).isEmpty();
        assertThat(local.refusal("http://127.0.0.1:8080/hook")).isEmpty();
    }
}
