package dev.loanflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.loanflow.infra.Platform;

/**
 * Invariant: no national id, phone number or e-mail address of a customer appears in any log line of any process
 * of the platform, after applications went through every outcome.
 */
class PersonalDataInLogsIT {

    private final Platform platform = SharedPlatform.get();

    @Test
    void noProcessLogsACustomersIdentityNumberPhoneOrEmail() throws Exception {
        Traffic traffic = new Traffic(platform, "merchant-c");
        List<Traffic.Submitted> submitted = traffic.submit(30, 4);
        Traffic.Outcome outcome = traffic.settle(submitted, Instant.now(), Duration.ofMinutes(2));

        String logs;
        try (Stream<Path> files = Files.list(Path.of("target", "system-logs"))) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.toList()) {
                all.append(Files.readString(file));
            }
            logs = all.toString();
        }
        System.out.printf("[fault-report] personal data: %d applications, %d characters of logs from every process scanned%n",
                submitted.size(), logs.length());

        assertThat(outcome.unsettled()).isEmpty();
        assertThat(logs).isNotEmpty().doesNotContain("ayse.yilmaz@example.com");
        assertThat(submitted).allSatisfy(application -> assertThat(logs)
                .doesNotContain(application.nationalId())
                .doesNotContain(application.gsmNumber()));
    }
}
