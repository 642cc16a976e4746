package dev.loanflow.simulator.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class ReportingContractIT extends SimulatorContractTest {

    @Test
    void reportsFilterByDateRangeAndStatusAndPageThroughResults() {
        Instant from = Instant.now().minusSeconds(1);
        List<String> rejected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rejected.add(applicationFor(SandboxCustomers.gsmEndingIn("01")).body().get("referenceId").asText());
        }
        rejected.forEach(reference -> callbacks.await(reference, 1, Duration.ofSeconds(5)));
        Instant to = Instant.now().plusSeconds(1);

        Set<String> seen = new HashSet<>();
        JsonNode first = report(from, to, "REJECTED", 0, 2);
        for (int page = 0; page < first.get("totalPages").asInt(); page++) {
            report(from, to, "REJECTED", page, 2).get("loanApplications")
                    .forEach(application -> seen.add(application.get("referenceId").asText()));
        }

        assertThat(first.get("totalElements").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(first.get("loanApplications").size()).isEqualTo(2);
        assertThat(seen).containsAll(rejected);
        assertThat(report(from, to, "APPROVED,REJECTED", 0, 50).get("loanApplications"))
                .allSatisfy(application -> assertThat(application.get("status").asText()).isIn("APPROVED", "REJECTED"));
    }

    @Test
    void aDateRangeBeforeTheApplicationsIsEmpty() {
        Instant longAgo = Instant.parse("2020-01-01T00:00:00Z");

        JsonNode report = report(longAgo, longAgo.plusSeconds(3600), null, 0, 20);

        assertThat(report.get("totalElements").asLong()).isZero();
    }

    @Test
    void filtersOneApplicationByReference() {
        String reference = approvedLoan();

        JsonNode report = bank.get("/loans/v1/facilitate/reporting?startDate=" + Instant.now().minusSeconds(60)
                + "&endDate=" + Instant.now().plusSeconds(60) + "&referenceId=" + reference
                + "&pageNumber=0&pageSize=20", token).body();

        assertThat(report.get("loanApplications")).singleElement()
                .satisfies(application -> assertThat(application.get("referenceId").asText()).isEqualTo(reference));
    }

    @Test
    void unknownStatusAndMissingPagingAreValidationErrors() {
        BankApiClient.Response unknownStatus = bank.get("/loans/v1/facilitate/reporting?startDate=2025-12-01T00:00:00Z"
                + "&endDate=2025-12-31T23:59:59Z&pageNumber=0&pageSize=20&statuses=PAID", token);
        BankApiClient.Response noPaging = bank.get("/loans/v1/facilitate/reporting?startDate=2025-12-01T00:00:00Z"
                + "&endDate=2025-12-31T23:59:59Z", token);

        assertThat(unknownStatus.status()).isEqualTo(400);
        assertThat(noPaging.status()).isEqualTo(400);
        assertThat(noPaging.body().get("errorCode").asText()).isEqualTo("VALIDATION_ERROR");
    }

    private JsonNode report(Instant from, Instant to, String statuses, int page, int size) {
        return bank.get("/loans/v1/facilitate/reporting?startDate=" + from + "&endDate=" + to
                + (statuses == null ? "" : "&statuses=" + statuses)
                + "&pageNumber=" + page + "&pageSize=" + size, token).body();
    }
}
