package dev.loanflow.eventing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;

/** Health of what every service needs besides its database: the Kafka cluster and the schema registry. */
public final class InfrastructureHealth {

    private InfrastructureHealth() {
    }

    public static HealthIndicator kafka(KafkaAdmin kafkaAdmin) {
        return () -> {
            try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
                int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes()
                        .get(3, TimeUnit.SECONDS).size();
                return Health.up().withDetail("brokers", nodes).build();
            } catch (Exception e) {
                return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
            }
        };
    }

    public static HealthIndicator schemaRegistry(String registryApiUrl) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI probe = URI.create(registryApiUrl.replaceAll("/+$", "") + "/system/info");
        return () -> {
            try {
                int status = http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                return status == 200 ? Health.up().build() : Health.down().withDetails(Map.of("status", status)).build();
            } catch (Exception e) {
                return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
            }
        };
    }
}
