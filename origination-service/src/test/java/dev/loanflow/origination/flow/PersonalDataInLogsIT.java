package dev.loanflow.origination.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.loanflow.events.ApplicationStatusChanged;
import dev.loanflow.events.LifecycleAnomaly;
import dev.loanflow.origination.Merchants;
import dev.loanflow.origination.OriginationIntegrationTest;
import dev.loanflow.schemas.Topic;

@ExtendWith(OutputCaptureExtension.class)
class PersonalDataInLogsIT extends OriginationIntegrationTest {

    @Test
    void submissionsOutcomesAndAnomaliesLogNoPersonalData(CapturedOutput logs) {
        Merchants merchant = new Merchants(http, "merchant-f");
        Map<String, Object> body = Merchants.validApplication();
        Map<?, ?> customer = (Map<?, ?>) body.get("customer");
        String id = merchant.submit(body).getBody().get("applicationId").asText();
        Map<String, Object> invalid = Merchants.validApplication();
        ((Map<String, Object>) invalid.get("customer")).put("gsmNumber", "05329998877");
        merchant.submit(invalid);

        GatewayStandIn.send(id, GatewayStandIn.approved(id));
        TopicLog.get().await(id, Topic.ANOMALIES, LifecycleAnomaly.class, 1);
        GatewayStandIn.send(id, GatewayStandIn.preApproved(id));
        TopicLog.get().await(id, Topic.LIFECYCLE, ApplicationStatusChanged.class, 2);

        assertThat(logs.getAll()).doesNotContain((String) customer.get("nationalIdentityNumber"))
                .doesNotContain((String) customer.get("gsmNumber")).doesNotContain((String) customer.get("email"))
                .doesNotContain("05329998877");
    }
}
