package dev.loanflow.gateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import dev.loanflow.events.PreApproved;

class SlowBankIT extends GatewayFlowTest {

    private static final Duration BANK_LATENCY = Duration.ofMillis(500);
    /** A session, a simulation and the pre-assessment. */
    private static final int CALLS_PER_PRE_APPROVAL = 3;

    @Test
    void applicationsOfOnePartitionWaitOnTheBankTogether() throws InterruptedException, ExecutionException {
        faults("{\"latencyMillis\":" + BANK_LATENCY.toMillis() + "}");
        preApproved(BankRequests.forCustomerWithGsmEnding("21")); // the token fetched, the connections open
        List<BankRequests> customers = Stream.generate(() -> BankRequests.forCustomerWithGsmEnding("21")).limit(6).toList();

        long start = System.nanoTime();
        List<Future<RecordMetadata>> published = customers.stream().map(customer -> customer.publish(customer.preApproval(), 0)).toList();
        for (Future<RecordMetadata> request : published) {
            request.get();
        }
        customers.forEach(customer -> outcomes.await(customer.applicationId, PreApproved.class, PATIENCE));
        Duration allPreApproved = Duration.ofNanos(System.nanoTime() - start);

        // one after another, six pre-approvals would take at least six times as long as one (9 s); together, one or two rounds
        assertThat(allPreApproved).isLessThan(BANK_LATENCY.multipliedBy(CALLS_PER_PRE_APPROVAL * 4L));
    }
}
