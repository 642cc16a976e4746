package dev.loanflow.gateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.loanflow.events.PreApproved;
import dev.loanflow.events.RefundRequested;
import dev.loanflow.events.Refunded;
import dev.loanflow.gateway.persistence.WaitingRequests;

/** One bank behind the facilitator stops answering; the other banks' applications on the same partition go on. */
class OneBankDownIT extends GatewayFlowTest {

    private static final String DOWN = "GARANTIBBVA";
    private static final Duration RECOVERY = Duration.ofSeconds(60);

    @Autowired
    WaitingRequests waiting;

    @AfterEach
    void bringTheBankBack() {
        simulator("DELETE", "/sandbox/banks/" + DOWN + "/outage", null);
    }

    @Test
    void itsRequestsWaitInTurnWhileTheOtherBanksRequestsGoOnAndAreHandledOnceItIsBack() throws Exception {
        BankRequests refunding = BankRequests.atBank(DOWN);
        approved(refunding);
        simulator("PUT", "/sandbox/banks/" + DOWN + "/outage", null);

        List<BankRequests> atTheDownBank = Stream.generate(() -> BankRequests.atBank(DOWN)).limit(6).toList();
        for (BankRequests customer : atTheDownBank) {
            customer.publish(customer.preApproval(), 0).get();
        }
        RefundRequested first = refunding.refund("100.00");
        RefundRequested second = refunding.refund("200.00");
        refunding.publish(first, 0).get();
        refunding.publish(second, 0).get();
        List<BankRequests> atOtherBanks = Stream.of("AKTIFBANK", "QNB", "AKTIFBANK", "QNB")
                .map(BankRequests::atBank).toList();
        for (BankRequests customer : atOtherBanks) {
            customer.publish(customer.preApproval(), 0).get();
        }

        atOtherBanks.forEach(customer -> outcomes.await(customer.applicationId, PreApproved.class, PATIENCE));
        awaitWaiting(atTheDownBank.size() + 2);
        assertThat(atTheDownBank).allSatisfy(customer -> assertThat(outcomes.of(customer.applicationId)).isEmpty());
        assertThat(outcomes.of(refunding.applicationId, Refunded.class)).isEmpty();

        simulator("DELETE", "/sandbox/banks/" + DOWN + "/outage", null);

        atTheDownBank.forEach(customer -> outcomes.await(customer.applicationId, PreApproved.class, RECOVERY));
        awaitRefunds(refunding, 2);
        assertThat(outcomes.of(refunding.applicationId, Refunded.class)).extracting(Refunded::getRefundId)
                .containsExactly(first.getRefundId(), second.getRefundId());
        awaitWaiting(0);
    }

    private void awaitWaiting(long requests) {
        long deadline = System.currentTimeMillis() + RECOVERY.toMillis();
        while (waitingFor(DOWN) != requests && System.currentTimeMillis() < deadline) {
            OutcomeLog.pause(200);
        }
        assertThat(waitingFor(DOWN)).as("requests waiting for " + DOWN).isEqualTo(requests);
    }

    private long waitingFor(String bankCode) {
        return waiting.countByBank().getOrDefault(bankCode, 0L);
    }

    private void awaitRefunds(BankRequests customer, int refunds) {
        long deadline = System.currentTimeMillis() + RECOVERY.toMillis();
        while (outcomes.of(customer.applicationId, Refunded.class).size() < refunds && System.currentTimeMillis() < deadline) {
            OutcomeLog.pause(200);
        }
    }
}
