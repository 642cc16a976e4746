package dev.loanflow.gateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.loanflow.events.Refunded;

@ExtendWith(OutputCaptureExtension.class)
class PersonalDataInLogsIT extends GatewayFlowTest {

    @Test
    void aWholeFlowWithFaultsLogsNoNationalIdOrPhoneNumber(CapturedOutput logs) throws Exception {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("77");
        faults("{\"errorRate\":0.3}");

        approved(customer);
        customer.send(customer.refund("100.00"));
        // with 30 % of bank calls failing, the refund may wait out several back-offs: this test is about the logs
        outcomes.await(customer.applicationId, Refunded.class, Duration.ofSeconds(90));

        assertThat(logs.getAll()).doesNotContain(customer.nationalId).doesNotContain(customer.gsm);
        assertThat(Files.readString(Path.of("target", "bank-simulator.log")))
                .doesNotContain(customer.nationalId).doesNotContain(customer.gsm);
    }
}
