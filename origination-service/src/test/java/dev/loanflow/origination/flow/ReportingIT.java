package dev.loanflow.origination.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

import dev.loanflow.origination.Merchants;
import dev.loanflow.origination.OriginationIntegrationTest;

class ReportingIT extends OriginationIntegrationTest {

    @Test
    void reportFiltersByMerchantDateAndStatusAndPagesThroughNewestFirst() {
        Merchants merchant = new Merchants(http, "merchant-d");
        Merchants other = new Merchants(http, "merchant-e");
        Instant from = Instant.now().minusSeconds(1);
        List<String> mine = IntStream.range(0, 5).mapToObj(i -> merchant.submitted()).toList();
        other.submitted();
        merchant.cancel(mine.get(0));
        Instant to = Instant.now().plusSeconds(1);

        Set<String> paged = new HashSet<>();
        JsonNode first = report(merchant, from, to, "", 0, 2);
        for (int page = 0; page < first.get("totalPages").asInt(); page++) {
            report(merchant, from, to, "", page, 2).get("applications").forEach(a -> paged.add(a.get("applicationId").asText()));
        }
        JsonNode cancelled = report(merchant, from, to, "&status=CANCELLED", 0, 20);

        assertThat(first.get("totalElements").asLong()).isEqualTo(5);
        assertThat(first.get("applications").get(0).get("applicationId").asText()).isEqualTo(mine.get(4));
        assertThat(paged).containsExactlyInAnyOrderElementsOf(mine);
        assertThat(cancelled.get("applications")).singleElement()
                .satisfies(a -> assertThat(a.get("applicationId").asText()).isEqualTo(mine.get(0)));
        assertThat(report(merchant, from.minusSeconds(3600), from, "", 0, 20).get("totalElements").asLong()).isZero();
    }

    @Test
    void badReportParametersAreProblems() {
        Merchants merchant = new Merchants(http, "merchant-d");

        assertThat(merchant.report("from=yesterday&to=2026-01-01T00:00:00Z").getStatusCode().value()).isEqualTo(400);
        assertThat(merchant.report("from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&size=0").getStatusCode().value())
                .isEqualTo(400);
        assertThat(merchant.report("from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&status=PAID").getStatusCode().value())
                .isEqualTo(400);
    }

    @Test
    void aMerchantFindsItsApplicationByItsOwnOrderIdAndNoOtherMerchantDoes() {
        Merchants merchant = new Merchants(http, "merchant-l");
        Merchants other = new Merchants(http, "merchant-e");
        Map<String, Object> body = Merchants.validApplication();
        String id = merchant.submit(body).getBody().get("applicationId").asText();
        String orderId = (String) body.get("orderId");

        ResponseEntity<JsonNode> found = merchant.report("orderId=" + orderId);

        assertThat(found.getStatusCode().value()).isEqualTo(200);
        assertThat(found.getBody().get("applicationId").asText()).isEqualTo(id);
        assertThat(other.report("orderId=" + orderId).getStatusCode().value()).isEqualTo(404);
        assertThat(merchant.report("orderId=no-such-order").getStatusCode().value()).isEqualTo(404);
    }

    private static JsonNode report(Merchants merchant, Instant from, Instant to, String filter, int page, int size) {
        return merchant.report("from=" + from + "&to=" + to + filter + "&page=" + page + "&size=" + size).getBody();
    }
}
