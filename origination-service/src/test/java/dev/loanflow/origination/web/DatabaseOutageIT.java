package dev.loanflow.origination.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;

import dev.loanflow.origination.Merchants;
import dev.loanflow.origination.OriginationIntegrationTest;

/** With no database connection to be had, a merchant is told quickly to come back, and nothing is half-written. */
class DatabaseOutageIT extends OriginationIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void aSubmissionWhileNoConnectionCanBeHadIsAQuick503WithRetryAfter() throws Exception {
        Merchants merchant = new Merchants(http, "merchant-f");
        Map<String, Object> body = Merchants.validApplication();
        List<Connection> taken = new ArrayList<>();
        ResponseEntity<JsonNode> answer;
        long started = System.nanoTime();
        try {
            HikariDataSource pool = (HikariDataSource) dataSource;
            while (taken.size() < pool.getMaximumPoolSize()) {
                taken.add(pool.getConnection());
            }
            answer = merchant.submit(body);
        } finally {
            for (Connection connection : taken) {
                connection.close();
            }
        }
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(tookMillis).as("the request is not held for the length of an outage").isLessThan(15_000);
        assertThat(jdbc.queryForObject("select count(*) from loan_application where order_id = ?", Integer.class,
                body.get("orderId"))).isZero();
        assertThat(merchant.submit(body).getStatusCode().value()).isEqualTo(201);
    }
}
