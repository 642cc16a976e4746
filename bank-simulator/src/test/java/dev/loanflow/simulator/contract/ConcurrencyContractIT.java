package dev.loanflow.simulator.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ConcurrencyContractIT extends SimulatorContractTest {

    private static final int CALLERS = 8;

    @Test
    void concurrentApplicationsForOneOrderCreateExactlyOne() throws Exception {
        String nationalId = SandboxCustomers.nationalId();
        String gsm = SandboxCustomers.gsmApproved();
        String orderId = newOrderId();
        List<String> assessments = IntStream.range(0, CALLERS)
                .mapToObj(i -> preAssess(nationalId, gsm, orderId).body().get("referenceId").asText()).toList();

        List<BankApiClient.Response> answers = all(assessments.stream()
                .map(assessment -> (Callable<BankApiClient.Response>) () ->
                        apply(assessment, nationalId, gsm, orderId, inAnHour()))
                .toList());

        assertThat(answers).filteredOn(answer -> answer.status() == 200).hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.status() == 400)
                .hasSize(CALLERS - 1)
                .allSatisfy(answer -> assertThat(answer.body().get("errorCode").asText()).isEqualTo("DUPLICATE_ORDER_ID"));
        assertThat(bank.get("/sandbox/applications?orderId=" + orderId, null).body().size()).isEqualTo(1);
    }

    @Test
    void concurrentRefundsNeverExceedTheLoanAmount() throws Exception {
        String loan = approvedLoan();
        String tenth = "2010.00";

        List<BankApiClient.Response> answers = all(IntStream.range(0, 11)
                .mapToObj(i -> (Callable<BankApiClient.Response>) () -> bank.post(
                        "/loans/v1/facilitate/refund/" + loan, token, "{\"refundAmount\":" + tenth + "}"))
                .toList());

        assertThat(answers).filteredOn(answer -> answer.status() == 200).hasSize(10);
        assertThat(answers).filteredOn(answer -> answer.status() == 400).singleElement()
                .satisfies(answer -> assertThat(answer.body().get("errorCode").asText()).isEqualTo("NOT_REFUNDABLE"));
        assertThat(status(loan)).isEqualTo("REFUNDED");
        assertThat(bank.get("/loans/v1/facilitate/query/loan/" + loan, token).body()
                .at("/loanApplication/paymentPlan/totalRefundAmount").decimalValue())
                .isEqualByComparingTo(new BigDecimal(tenth).multiply(BigDecimal.TEN));
    }

    private static <T> List<T> all(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<T>> futures = pool.invokeAll(calls);
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
