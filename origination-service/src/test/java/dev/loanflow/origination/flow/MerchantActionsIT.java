package dev.loanflow.origination.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

import dev.loanflow.events.ApplicationStatusChanged;
import dev.loanflow.events.RefundRequested;
import dev.loanflow.origination.Merchants;
import dev.loanflow.origination.OriginationIntegrationTest;
import dev.loanflow.schemas.Topic;

class MerchantActionsIT extends OriginationIntegrationTest {

    final TopicLog topics = TopicLog.get();
    Merchants merchant;

    @BeforeEach
    void merchant() {
        merchant = new Merchants(http, "merchant-b");
    }

    @Test
    void refundOfAnApprovedLoanGoesToTheBankAndItsOutcomeUpdatesTheTotals() {
        String id = approvedLoan();

        ResponseEntity<JsonNode> accepted = merchant.refund(id, "1000.00");
        RefundRequested request = topics.await(id, Topic.BANK_REQUESTS, RefundRequested.class, 1).get(0);
        GatewayStandIn.send(id, GatewayStandIn.refunded(id, request.getRefundId(), "1000.00", "1000.00", "19100.00"));
        awaitStatus(id, "REFUNDED_PARTIAL");
        JsonNode application = merchant.get(id).getBody();

        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        assertThat(request.getAmount()).isEqualTo("1000.00");
        assertThat(request.getApplicationReferenceId()).isEqualTo("loan-" + id);
        assertThat(application.get("refundedTotal").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(application.get("remainingAmount").decimalValue()).isEqualByComparingTo("19100.00");
        assertThat(application.get("refunds").get(0).get("status").asText()).isEqualTo("DONE");
    }

    @Test
    void refundingTheRestMakesTheLoanRefunded() {
        String id = approvedLoan();

        merchant.refund(id, "20100.00");
        RefundRequested request = topics.await(id, Topic.BANK_REQUESTS, RefundRequested.class, 1).get(0);
        GatewayStandIn.send(id, GatewayStandIn.refunded(id, request.getRefundId(), "20100.00", "20100.00", "0.00"));

        awaitStatus(id, "REFUNDED");
    }

    @Test
    void refundAboveTheLoanAmountOrBeforeApprovalIsRefused() {
        String approved = approvedLoan();
        String fresh = merchant.submitted();

        ResponseEntity<JsonNode> tooMuch = merchant.refund(approved, "20100.01");
        ResponseEntity<JsonNode> tooEarly = merchant.refund(fresh, "10.00");
        ResponseEntity<JsonNode> overPrecise = merchant.refund(approved, "10.001");

        assertThat(tooMuch.getStatusCode().value()).isEqualTo(409);
        assertThat(tooEarly.getStatusCode().value()).isEqualTo(409);
        assertThat(overPrecise.getStatusCode().value()).isEqualTo(400);
        assertThat(topics.of(approved, Topic.BANK_REQUESTS, RefundRequested.class)).isEmpty();
    }

    @Test
    void concurrentRefundRequestsNeverAddUpToMoreThanTheLoan() throws Exception {
        String id = approvedLoan();

        List<Integer> statuses = all(IntStream.range(0, 12)
                .mapToObj(i -> (Callable<Integer>) () -> merchant.refund(id, "2010.00").getStatusCode().value())
                .toList());

        assertThat(statuses).filteredOn(status -> status == 202).hasSize(10);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(2);
        assertThat(jdbc.queryForObject("select sum(amount) from refund where application_id = ?", BigDecimal.class, id))
                .isEqualByComparingTo("20100.00");
    }

    @Test
    void concurrentCancellationsMoveTheApplicationOnce() throws Exception {
        String id = merchant.submitted();

        List<Integer> statuses = all(IntStream.range(0, 6)
                .mapToObj(i -> (Callable<Integer>) () -> merchant.cancel(id).getStatusCode().value()).toList());

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(5);
        assertThat(merchant.get(id).getBody().get("history").findValuesAsText("to")).containsExactly("NEW", "CANCELLED");
    }

    @Test
    void approvedApplicationCannotBeCancelled() {
        String id = approvedLoan();

        ResponseEntity<JsonNode> refused = merchant.cancel(id);

        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody().get("detail").asText()).contains("APPROVED");
        assertThat(merchant.status(id)).isEqualTo("APPROVED");
    }

    @Test
    void anotherMerchantCanNeitherSeeNorTouchTheApplication() {
        String id = approvedLoan();
        Merchants stranger = new Merchants(http, "merchant-c");

        assertThat(stranger.get(id).getStatusCode().value()).isEqualTo(404);
        assertThat(stranger.cancel(id).getStatusCode().value()).isEqualTo(404);
        assertThat(stranger.refund(id, "1.00").getStatusCode().value()).isEqualTo(404);
        assertThat(stranger.get("no-such-application").getBody().get("title").asText())
                .isEqualTo(stranger.get(id).getBody().get("title").asText());
    }

    private String approvedLoan() {
        String id = merchant.submitted();
        GatewayStandIn.send(id, GatewayStandIn.preApproved(id));
        GatewayStandIn.send(id, GatewayStandIn.created(id));
        GatewayStandIn.send(id, GatewayStandIn.approved(id));
        awaitStatus(id, "APPROVED");
        return id;
    }

    private void awaitStatus(String id, String status) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!merchant.status(id).equals(status) && System.currentTimeMillis() < deadline) {
            TopicLog.pause(100);
        }
        assertThat(merchant.status(id)).isEqualTo(status);
        assertThat(topics.of(id, Topic.LIFECYCLE, ApplicationStatusChanged.class)).isNotEmpty();
    }

    private static <T> List<T> all(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
