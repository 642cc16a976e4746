package dev.loanflow.gateway.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;

import dev.loanflow.infra.testdata.TestClients;

import dev.loanflow.events.BankApplicationCreated;
import dev.loanflow.events.BankApproved;
import dev.loanflow.events.Offer;
import dev.loanflow.events.PreApprovalRequested;
import dev.loanflow.events.PreApproved;

class HappyPathIT extends GatewayFlowTest {

    @Test
    void preApprovalApplicationAndConfirmedApprovalBecomeEventsInOrder() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("67");

        customer.send(customer.preApproval());
        PreApproved preApproved = outcomes.await(customer.applicationId, PreApproved.class, PATIENCE);
        customer.send(customer.application(preApproved.getPreApprovalReferenceId()));
        BankApplicationCreated created = outcomes.await(customer.applicationId, BankApplicationCreated.class, PATIENCE);
        BankApproved approved = outcomes.await(customer.applicationId, BankApproved.class, PATIENCE);

        Offer sixMonths = preApproved.getOffers().get(1);
        assertThat(preApproved.getOffers()).extracting(Offer::getTerm).containsExactly(3, 6);
        assertThat(sixMonths.getInstallmentAmount()).isEqualTo("4016.84");
        assertThat(sixMonths.getTotalPaymentAmount()).isEqualTo("24101.05");
        assertThat(sixMonths.getAnnualEffectiveInterestRate()).isEqualTo("88.9781");
        assertThat(sixMonths.getMonthlyEffectiveInterestRate()).isEqualTo("7.4148");
        assertThat(preApproved.getBankAnswer().getCode()).isEqualTo("0");
        assertThat(created.getBankRedirectionUrl()).contains(created.getApplicationReferenceId());
        assertThat(created.getPaymentPlan().getInstallments()).hasSize(6);
        assertThat(created.getPaymentPlan().getTotalPaymentAmount()).isEqualTo("24101.05");
        assertThat(approved.getApplicationReferenceId()).isEqualTo(created.getApplicationReferenceId());
        assertThat(approved.getMetadata().getCorrelationId()).isEqualTo(customer.correlationId);
        assertThat(outcomes.of(customer.applicationId)).extracting(event -> event.getClass().getSimpleName())
                .containsExactly("PreApproved", "BankApplicationCreated", "BankApproved");
        assertThat(applicationsAtTheBank(customer.bankOrderId())).isEqualTo(1);
    }

    @Test
    void bankInteractionsAreAuditedWithoutPersonalData() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("68");
        approved(customer);

        List<Map<String, Object>> interactions = jdbc.queryForList(
                "select * from bank_interaction where application_id = ?", customer.applicationId);
        String everythingStored = jdbc.queryForList("select * from bank_application where application_id = ?",
                customer.applicationId) + interactions.toString();

        assertThat(interactions).extracting(row -> row.get("operation"))
                .contains("session", "simulation", "pre-assessment", "application", "query");
        assertThat(everythingStored).doesNotContain(customer.nationalId).doesNotContain(customer.gsm);
    }

    @Test
    void aRequestsBankCallsAreRecordedInTheTransactionThatRecordsItsOutcome() {
        BankRequests customer = BankRequests.forCustomerWithGsmEnding("67");
        PreApprovalRequested request = customer.preApproval();
        customer.send(request);
        outcomes.await(customer.applicationId, PreApproved.class, PATIENCE);

        String outcomeTransaction = jdbc.queryForObject("select xmin::text from processed_event where event_id = ?",
                String.class, request.getMetadata().getEventId());
        List<String> callTransactions = jdbc.queryForList("select xmin::text from bank_interaction where application_id = ? "
                + "and operation in ('session', 'simulation', 'pre-assessment')", String.class, customer.applicationId);

        assertThat(callTransactions).hasSize(3).containsOnly(outcomeTransaction);
    }

    @Test
    void bankCallLatencyIsMeasuredPerEndpointNotPerReference() {
        approved(BankRequests.forCustomerWithGsmEnding("69"));

        String metrics = getAsOperator("/actuator/prometheus", String.class).getBody();

        assertThat(metrics).contains("uri=\"/loans/v1/facilitate/pre-approved/{sessionId}\"")
                .contains("uri=\"/loans/v1/facilitate/query/loan/{loanReferenceId}\"");
    }

    @Test
    void quotesListOptionsAcrossActiveBanks() {
        String quotes = http.postForObject("/quotes", new HttpEntity<>(Map.of("amount", 20100.00, "maxTerm", 6),
                bearer(TestClients.READER)), String.class);

        assertThat(quotes).contains("\"bankCode\":\"AKTIFBANK\"").contains("\"bankCode\":\"QNB\"")
                .contains("4016.84").doesNotContain("DENIZBANK");
    }

    @Test
    void badQuoteRequestIsAProblem() {
        var response = http.postForEntity("/quotes", new HttpEntity<>(Map.of("amount", -5), bearer(TestClients.READER)),
                String.class);
        var anonymous = http.postForEntity("/quotes", Map.of("amount", 100), String.class);

        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType().toString()).contains("application/problem+json");
    }
}
