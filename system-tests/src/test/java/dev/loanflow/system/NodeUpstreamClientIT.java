package dev.loanflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.loanflow.infra.Platform;
import dev.loanflow.infra.testdata.TestData;

/**
 * The example upstream system in {@code examples/node-upstream}, on Node.js with stock Confluent clients from npm
 * (kafkajs, @kafkajs/confluent-schema-registry), against the platform: it finds {@code ApplicationSubmitted} as the
 * subject a Confluent client names, publishes one, and reads the lifecycle and status topics until APPROVED.
 * Skipped where Node.js and npm are missing (CI installs them) or the npm registry cannot be reached.
 */
class NodeUpstreamClientIT {

    private static final Path EXAMPLE = Path.of("..", "examples", "node-upstream");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Platform platform = SharedPlatform.get();

    @Test
    void aNodeProgramWithConfluentClientsSubmitsAnApplicationAndFollowsItToApproved() throws Exception {
        assumeTrue(runs("node", "--version") && runs("npm", "--version"), "Node.js and npm are not installed");
        Run install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        assumeTrue(install.exitCode() == 0 || !registryUnreachable(install.output()),
                "the npm registry cannot be reached: " + install.output());
        assertThat(install.exitCode()).as(install.output()).isZero();

        Run upstream = run(List.of("node", "loanflow-upstream.mjs", "--brokers", platform.kafka.bootstrapServers(),
                "--publisher", "node-shop", "--password", platform.kafka.passwordOf("node-shop"),
                "--registry", platform.registry.confluentApiUrl(), "--merchant", "merchant-node",
                "--national-id", TestData.nationalId(), "--gsm", "5551234567", "--until", "APPROVED",
                "--timeout-seconds", "120"), 180);
        System.out.println(upstream.output());

        assertThat(upstream.exitCode()).as(upstream.output()).isZero();
        List<String> lines = upstream.output().lines().filter(line -> line.startsWith("{")).toList();
        JsonNode published = JSON.readTree(lines.get(0));
        JsonNode summary = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(published.get("subject").asText()).isEqualTo("dev.loanflow.events.ApplicationSubmitted");
        assertThat(summary.get("status").asText()).isEqualTo("APPROVED");
        assertThat(summary.get("lifecycle")).extracting(JsonNode::asText)
                .containsSubsequence("NEW", "PRE_APPROVED", "STARTED", "APPROVED");
        assertThat(summary.get("statusCarriesCustomer").asBoolean()).as("the compacted topic keeps no personal data")
                .isFalse();
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(EXAMPLE.toFile())
                .redirectErrorStream(true);
        builder.environment().put("KAFKAJS_NO_PARTITIONER_WARNING", "1");
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        reader.join(5_000);
        return new Run(process.isAlive() ? -1 : process.exitValue(), output.toString());
    }

    private static boolean registryUnreachable(String npmOutput) {
        return List.of("ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNREFUSED", "ECONNRESET", "ENETUNREACH")
                .stream().anyMatch(npmOutput::contains);
    }

    private static boolean runs(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException notThere) {
            return false;
        }
    }
}
