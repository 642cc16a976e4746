package dev.loanflow.infra;

import java.nio.file.Files;
import java.nio.file.Path;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka and PostgreSQL on Testcontainers, for test JVMs where a Docker API answers ({@code loanflow.infra}:
 * {@code auto}, the default, uses them then; {@code embedded} never; {@code containers} always). The images are the
 * ones docker-compose.yml runs, or compatible substitutes named by {@code loanflow.containers.kafka-image} and
 * {@code loanflow.containers.postgres-image} (CI's locally built images: .ci/containers/run).
 */
final class Containers {

    private static final String KAFKA_IMAGE = "apache/kafka:3.9.1";
    private static final String POSTGRES_IMAGE = "postgres:17";

    private Containers() {
    }

    static boolean wanted() {
        String choice = System.getProperty("loanflow.infra", "auto");
        return switch (choice) {
            case "embedded" -> false;
            case "containers" -> true;
            case "auto" -> dockerMayAnswer() && DockerClientFactory.instance().isDockerAvailable();
            default -> throw new IllegalArgumentException("loanflow.infra is auto, embedded or containers, not " + choice);
        };
    }

    /**
     * Whether a Docker API is configured here at all: Testcontainers logs an ERROR for every JVM that asks where
     * none is, which a build without Docker has no reason to print.
     */
    private static boolean dockerMayAnswer() {
        Path home = Path.of(System.getProperty("user.home"));
        String host = System.getenv("DOCKER_HOST");
        return host != null && !host.isBlank() || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(home.resolve(".docker/run/docker.sock"))
                || Files.exists(home.resolve(".testcontainers.properties"));
    }

    static SharedBroker kafka() {
        KafkaContainer kafka = new KafkaContainer(image("loanflow.containers.kafka-image", KAFKA_IMAGE))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "6");
        kafka.start();
        return new SharedBroker() {
            @Override
            public String bootstrapServers() {
                return kafka.getBootstrapServers();
            }

            @Override
            public void close() {
                kafka.stop();
            }
        };
    }

    static SharedDatabase postgres() {
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(image("loanflow.containers.postgres-image", POSTGRES_IMAGE))
                .withDatabaseName(PostgresServer.DATABASE).withUsername(PostgresServer.USER)
                .withPassword(PostgresServer.PASSWORD)
                // as the embedded one: a test JVM's database need not wait for the disk
                .withCommand("postgres", "-c", "max_connections=300", "-c", "synchronous_commit=off");
        postgres.start();
        return new SharedDatabase() {
            @Override
            public String jdbcUrl() {
                return postgres.getJdbcUrl();
            }

            @Override
            public void close() {
                postgres.stop();
            }
        };
    }

    private static DockerImageName image(String property, String upstream) {
        return DockerImageName.parse(System.getProperty(property, upstream))
                .asCompatibleSubstituteFor(DockerImageName.parse(upstream).getUnversionedPart());
    }
}
