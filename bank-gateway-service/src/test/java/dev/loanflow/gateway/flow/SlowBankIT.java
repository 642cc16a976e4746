package dev.loanflow.gateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import dev.loanflow.events.PreApproved;
import dev.loanflow.infra.SharedInfrastructure;

class SlowBankIT extends GatewayFlowTest {

    private static final Duration STALL = Duration.ofSeconds(30);

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

    /**
     * The bank holds every call for 30 s without answering: the gateway gives up on each call after its read time-out,
     * the requests wait, and no poll runs past {@code max.poll.interval.ms}, so no consumer is evicted (the group's
     * members are the same throughout) and no request is handled twice.
     */
    @Test
    void aBankThatStallsForThirtySecondsGetsNoConsumerEvictedAndNoRequestHandledTwice() throws Exception {
        Set<String> membersBefore = groupMembers();
        faults("{\"timeoutRate\":1.0,\"timeoutMillis\":" + STALL.toMillis() + "}");
        List<BankRequests> customers = Stream.generate(() -> BankRequests.atBank("QNB")).limit(10).toList();
        for (BankRequests customer : customers) {
            customer.publish(customer.preApproval(), 0).get();
        }
        OutcomeLog.pause(STALL.toMillis());
        simulator("DELETE", "/sandbox/faults", null);

        customers.forEach(customer -> outcomes.await(customer.applicationId, PreApproved.class, Duration.ofSeconds(60)));
        OutcomeLog.pause(2_000);

        assertThat(customers).allSatisfy(customer ->
                assertThat(outcomes.of(customer.applicationId)).as("outcomes of " + customer.applicationId).hasSize(1));
        assertThat(groupMembers()).as("the gateway's consumers").isEqualTo(membersBefore);
    }

    private static Set<String> groupMembers() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers()))) {
            return admin.describeConsumerGroups(List.of("bank-gateway-service")).all().get().get("bank-gateway-service")
                    .members().stream().map(MemberDescription::consumerId).collect(Collectors.toSet());
        }
    }
}
