package dev.loanflow.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.NewTopic;

import dev.loanflow.infra.KafkaProcess;

/** What the same broker does alone, measured with Kafka's own performance tools on records of our events' size. */
final class BrokerCeiling {

    record Result(long records, int recordBytes, double producedPerSecond, double producerMegabytesPerSecond,
                  String producerLatency, double consumedPerSecond) {
    }

    private static final Pattern PRODUCED = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, "
                    + "(\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    private BrokerCeiling() {
    }

    static Result measure(KafkaProcess kafka, long records, int recordBytes) {
        String topic = "benchmark.raw-ceiling";
        kafka.createTopics(List.of(new NewTopic(topic, 6, (short) 1)));
        String clientConfig = clientConfig(kafka);
        String produced = KafkaProcess.runTool("org.apache.kafka.tools.ProducerPerformance", List.of(
                "--topic", topic, "--num-records", String.valueOf(records), "--record-size", String.valueOf(recordBytes),
                "--throughput", "-1", "--producer.config", clientConfig, "--producer-props", "acks=all",
                "enable.idempotence=true", "linger.ms=5", "compression.type=none"), Duration.ofMinutes(3));
        Matcher producer = last(PRODUCED, produced);
        String consumed = KafkaProcess.runTool("org.apache.kafka.tools.ConsumerPerformance", List.of(
                "--bootstrap-server", kafka.bootstrapServers(), "--consumer.config", clientConfig, "--topic", topic,
                "--messages", String.valueOf(records), "--timeout", "60000"), Duration.ofMinutes(3));
        return new Result(records, recordBytes, Double.parseDouble(producer.group(2)), Double.parseDouble(producer.group(3)),
                "p50 " + producer.group(6) + " ms, p95 " + producer.group(7) + " ms, p99 " + producer.group(8) + " ms",
                consumedPerSecond(consumed));
    }

    /** The tools authenticate as the administrator, from a properties file only this user can read. */
    private static String clientConfig(KafkaProcess kafka) {
        try {
            Path file = Files.createTempFile("kafka-client", ".properties",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            file.toFile().deleteOnExit();
            Properties properties = new Properties();
            kafka.adminProperties().forEach((key, value) -> properties.setProperty(key, value.toString()));
            try (Writer writer = Files.newBufferedWriter(file)) {
                properties.store(writer, null);
            }
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ConsumerPerformance prints a CSV header and one line; nMsg.sec is the sixth column. */
    private static double consumedPerSecond(String output) {
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).startsWith("start.time")) {
                return Double.parseDouble(lines.get(i + 1).split(",")[5].trim());
            }
        }
        throw new IllegalStateException("unexpected ConsumerPerformance output:\n" + output);
    }

    private static Matcher last(Pattern pattern, String output) {
        Matcher found = null;
        for (String line : output.lines().toList()) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                found = matcher;
            }
        }
        if (found == null) {
            throw new IllegalStateException("unexpected ProducerPerformance output:\n" + output);
        }
        return found;
    }
}
