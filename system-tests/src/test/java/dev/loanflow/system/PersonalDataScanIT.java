package dev.loanflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import dev.loanflow.infra.Platform;
import dev.loanflow.schemas.Topic;
import dev.loanflow.schemas.UpstreamPublishers;

/**
 * Invariant: after applications went through every outcome, no customer's national id, phone number, e-mail address
 * or name is in clear in any log line of any process, any record of any topic but the input topic (where upstream systems
 * must supply them) or any row of any service's table. Stored Avro is searched as bytes and as PostgreSQL's hex.
 */
class PersonalDataScanIT {

    private static final String EMAIL = "ayse.yilmaz@example.com";
    private static final String FULL_NAME = "Ayşe Yılmaz";
    private static final List<String> SERVICE_SCHEMAS = List.of("origination", "bank_gateway", "notification");

    private final Platform platform = SharedPlatform.get();

    @Test
    void noLogTopicOrTableHoldsACustomersIdentityNumberPhoneEmailOrNameInClear() throws Exception {
        Traffic traffic = new Traffic(platform, "merchant-c");
        List<Traffic.Submitted> submitted = traffic.submit(30, 4);
        Traffic.Outcome outcome = traffic.settle(submitted, Instant.now(), Duration.ofMinutes(2));
        List<String> values = new ArrayList<>(List.of(EMAIL, FULL_NAME));
        submitted.forEach(application -> values.addAll(List.of(application.nationalId(), application.gsmNumber())));

        String logs = logs();
        Map<String, String> topics = topics();
        Map<String, String> tables = tables();
        Map<String, Integer> hits = new LinkedHashMap<>();
        count(hits, "logs", logs, values);
        topics.forEach((topic, text) -> count(hits, "topic " + topic, text, values));
        tables.forEach((table, text) -> count(hits, "table " + table, text, values));
        // the search finds what is there: an order id is in a column, in stored Avro (hex) and in the topics' Avro
        String orderId = submitted.get(0).orderId();
        int orderIdInTables = occurrences(String.join("\n", tables.values()), orderId);
        int orderIdOnTopics = occurrences(String.join("\n", topics.values()), orderId);
        System.out.printf("[fault-report] personal data: %d applications; %d characters of logs, %d topics, %d tables "
                        + "scanned; national id, phone, e-mail or name in clear: %d (an order id, found to check the search: "
                        + "%d in tables, %d on topics)%n", submitted.size(), logs.length(), topics.size(), tables.size(),
                hits.values().stream().mapToInt(Integer::intValue).sum(), orderIdInTables, orderIdOnTopics);

        assertThat(outcome.unsettled()).isEmpty();
        assertThat(logs).isNotEmpty();
        assertThat(topics).containsKey(Topic.LIFECYCLE.topicName());
        assertThat(tables).containsKey("origination.loan_application");
        assertThat(orderIdInTables).as("an order id in its column and in stored Avro").isGreaterThan(1);
        assertThat(orderIdOnTopics).isPositive();
        assertThat(hits).as("places holding a customer's national id, phone, e-mail or name in clear").isEmpty();
    }

    private static void count(Map<String, Integer> hits, String place, String text, List<String> values) {
        int found = values.stream().mapToInt(value -> occurrences(text, value)).sum();
        if (found > 0) {
            hits.put(place, found);
        }
    }

    /** Occurrences as text, and as the hex PostgreSQL shows a bytea column in. */
    private static int occurrences(String text, String value) {
        String hex = HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8));
        return countOf(text, value) + countOf(text, hex);
    }

    private static int countOf(String text, String value) {
        int count = 0;
        for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + value.length())) {
            count++;
        }
        return count;
    }

    private static String logs() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("target", "system-logs"))) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.toList()) {
                all.append(Files.readString(file));
            }
            return all.toString();
        }
    }

    /** Every record's key, value and headers as text, by topic. */
    private Map<String, String> topics() {
        Map<String, String> texts = new LinkedHashMap<>();
        try (Topics topics = new Topics(platform)) {
            for (String name : Topic.allNames(UpstreamPublishers.parse(SharedPlatform.PUBLISHERS), true)) {
                if (name.startsWith(Topic.SUBMISSIONS.topicName()) && !name.endsWith(Topic.DEAD_LETTER_SUFFIX)) {
                    continue;
                }
                StringBuilder text = new StringBuilder();
                for (ConsumerRecord<String, byte[]> record : topics.untilEnd(name)) {
                    text.append(record.key()).append('\n').append(utf8(record.value())).append('\n');
                    for (Header header : record.headers()) {
                        text.append(header.key()).append('=').append(utf8(header.value())).append('\n');
                    }
                }
                texts.put(name, text.toString());
            }
        }
        return texts;
    }

    /** Avro writes strings as UTF-8; bytes that are not UTF-8 become U+FFFD and leave the text around them as it is. */
    private static String utf8(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Every row of every table of the services' schemas, as PostgreSQL prints the row (bytea in hex). */
    private Map<String, String> tables() throws SQLException {
        Map<String, String> texts = new LinkedHashMap<>();
        try (Connection database = platform.database(); Statement statement = database.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet found = statement.executeQuery("select table_schema || '.' || table_name from "
                    + "information_schema.tables where table_type = 'BASE TABLE' and table_schema in ('"
                    + String.join("', '", SERVICE_SCHEMAS) + "') order by 1")) {
                while (found.next()) {
                    tables.add(found.getString(1));
                }
            }
            for (String table : tables) {
                StringBuilder text = new StringBuilder();
                try (ResultSet rows = statement.executeQuery("select r::text from " + table + " r")) {
                    while (rows.next()) {
                        text.append(rows.getString(1)).append('\n');
                    }
                }
                texts.put(table, text.toString());
            }
        }
        return texts;
    }
}
