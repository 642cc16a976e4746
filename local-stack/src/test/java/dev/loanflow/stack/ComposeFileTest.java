package dev.loanflow.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Our build machines have no Docker engine, so docker-compose.yml is checked here: it parses, every service it
 * builds is a module of the reactor, and ports and environment match what each service's configuration reads.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern REQUIRED_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");
    private static final Pattern ANY_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern SERVER_PORT = Pattern.compile("port: \\$\\{SERVER_PORT:(\\d+)}");

    @Test
    void composeRunsTheWholeStack() throws IOException {
        assertThat(services().keySet()).containsExactlyInAnyOrder("kafka", "schema-registry", "postgres", "smtp",
                "authorization-server", "bank-simulator", "schema-deployment", "kafka-access", "origination-service", "bank-gateway-service", "notification-service", "kafka-ui",
                "prometheus", "grafana");
    }

    /** CI runs the file with docker-compose 1.29 (.ci/containers/run): no top-level name or configs, which v1 refuses. */
    @Test
    @SuppressWarnings("unchecked")
    void theFileRunsOnComposeVersionOneToo() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));

        assertThat(compose.keySet()).allMatch(key -> key.equals("services") || key.startsWith("x-"));
        services().forEach((name, service) -> assertThat(service).as(name).doesNotContainKeys("configs", "secrets"));
        builtServices().forEach((name, service) -> assertThat((String) service.get("image")).as(name)
                .isEqualTo("loanflow/" + module(service)));
    }

    @Test
    void everyBuiltServiceIsAReactorModuleOnItsOwnPort() throws IOException {
        String reactor = Files.readString(ROOT.resolve("pom.xml"));
        for (Map.Entry<String, Map<String, Object>> service : builtServices().entrySet()) {
            String module = module(service.getValue());
            String configuration = Files.readString(ROOT.resolve(module).resolve("src/main/resources/application.yml"));
            Matcher port = SERVER_PORT.matcher(configuration);

            assertThat(reactor).contains("<module>" + module + "</module>");
            assertThat(port.find()).as("%s declares server.port", module).isTrue();
            assertThat(environment(service.getValue()).get("SERVER_PORT")).isEqualTo(port.group(1));
            assertThat(ports(service.getValue())).contains(port.group(1) + ":" + port.group(1));
        }
    }

    @Test
    void everyRequiredSettingIsGivenAndEverySettingGivenIsRead() throws IOException {
        String shared = Files.readString(ROOT.resolve("schemas/src/main/resources/loanflow-kafka.yml"))
                + Files.readString(ROOT.resolve("service-security/src/main/resources/loanflow-security.yml"));
        for (Map.Entry<String, Map<String, Object>> service : builtServices().entrySet()) {
            String configuration = Files.readString(ROOT.resolve(module(service.getValue())).resolve("src/main/resources/application.yml"));
            Set<String> given = environment(service.getValue()).keySet();
            Set<String> read = names(ANY_PLACEHOLDER, configuration + shared);

            assertThat(given).as("settings %s gives", service.getKey())
                    .allMatch(name -> read.contains(name) || name.startsWith("LOANFLOW_") || name.startsWith("SPRING_"));
            assertThat(given).as("required settings of %s", service.getKey())
                    .containsAll(names(REQUIRED_PLACEHOLDER, configuration));
        }
    }

    @Test
    void dependenciesExistAndInfrastructureReportsHealth() throws IOException {
        Map<String, Map<String, Object>> services = services();
        for (Map<String, Object> service : services.values()) {
            Object dependsOn = service.get("depends_on");
            Set<String> names = dependsOn instanceof Map<?, ?> map ? stringKeys(map)
                    : dependsOn == null ? Set.of() : new HashSet<>(strings(dependsOn));
            assertThat(services.keySet()).containsAll(names);
        }
        List.of("kafka", "schema-registry", "postgres", "authorization-server", "origination-service", "bank-gateway-service",
                "notification-service", "bank-simulator").forEach(name ->
                assertThat(services.get(name)).as("%s has a health check", name).containsKey("healthcheck"));
    }

    @Test
    void prometheusScrapesEveryServiceAndTheDashboardParses() throws IOException {
        String scrape = Files.readString(ROOT.resolve("deploy/prometheus.yml"));
        for (Map.Entry<String, Map<String, Object>> service : builtServices().entrySet()) {
            assertThat(scrape).contains(service.getKey() + ":" + environment(service.getValue()).get("SERVER_PORT"));
        }
        assertThat(new ObjectMapper().readTree(ROOT.resolve("deploy/grafana/dashboards/loanflow.json").toFile())
                .get("panels").size()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void everyAlertWatchesAMetricAServiceExportsAndPrometheusLoadsTheRules() throws IOException {
        String alerts = Files.readString(ROOT.resolve("deploy/alerts.yml"));
        Set<String> metrics = new TreeSet<>();
        Matcher metric = Pattern.compile("loanflow_[a-z_]+").matcher(alerts);
        while (metric.find()) {
            metrics.add(metric.group().replace('_', '.'));
        }
        String sources;
        try (Stream<Path> files = Files.walk(ROOT)) {
            sources = files.filter(file -> file.toString().endsWith(".java") && file.toString().contains("/src/main/")
                            && !file.toString().contains("/target/"))
                    .map(ComposeFileTest::read).collect(Collectors.joining("\n"));
        }

        assertThat(metrics).isNotEmpty().allSatisfy(name -> assertThat(sources).contains('"' + name + '"'));
        assertThat(Files.readString(ROOT.resolve("deploy/prometheus.yml"))).contains("/etc/prometheus/alerts.yml");
        assertThat(Files.readString(ROOT.resolve("docker-compose.yml")))
                .contains("./deploy/alerts.yml:/etc/prometheus/alerts.yml");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void kafkaUiReadsOurAvroThroughTheConfluentCompatibleApi() throws IOException {
        assertThat(environment(services().get("kafka-ui")).get("KAFKA_CLUSTERS_0_SCHEMAREGISTRY")).endsWith("/apis/ccompat/v7");
        assertThat(environment(services().get("schema-registry")).get("APICURIO_RULES_GLOBAL_COMPATIBILITY")).isEqualTo("BACKWARD");
    }

    @Test
    void theRegistryKeepsItsSchemasInPostgres() throws IOException {
        Map<String, Object> registry = services().get("schema-registry");

        assertThat(environment(registry)).containsEntry("APICURIO_STORAGE_KIND", "sql")
                .containsEntry("APICURIO_STORAGE_SQL_KIND", "postgresql");
        assertThat(environment(registry).get("APICURIO_DATASOURCE_URL")).startsWith("jdbc:postgresql://postgres:");
        assertThat((String) registry.get("image")).doesNotContain("-mem");
    }

    @Test
    void noSecretHasADefault() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));

        for (String secret : List.of("PERSONAL_DATA_KEY", "DEMO_SHOP_WEBHOOK_SECRET", "DEMO_SHOP_SECRET", "OPS_CLIENT_SECRET",
                "AUTH_SIGNING_KEY", "DATABASE_PASSWORD", "KAFKA_UI_PASSWORD", "GRAFANA_PASSWORD", "KAFKA_ADMIN_PASSWORD",
                "ORIGINATION_KAFKA_PASSWORD", "GATEWAY_KAFKA_PASSWORD", "NOTIFICATION_KAFKA_PASSWORD", "CHECKOUT_KAFKA_PASSWORD",
                "SCHEMA_DEPLOYER_SECRET")) {
            assertThat(compose).contains("${" + secret + ":?").doesNotContain("${" + secret + ":-");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSchemasAreRegisteredByTheDeployStepBeforeAnyServiceStarts() throws IOException {
        Map<String, Map<String, Object>> services = services();
        Map<String, Object> deployment = services.get("schema-deployment");

        assertThat(deployment.get("image")).isEqualTo(services.get("origination-service").get("image"));
        assertThat(strings(deployment.get("entrypoint"))).contains("-Dloader.main=dev.loanflow.schemas.SchemaDeployment");
        for (String service : List.of("origination-service", "bank-gateway-service", "notification-service")) {
            Map<String, Object> dependsOn = (Map<String, Object>) services.get(service).get("depends_on");
            assertThat(dependsOn).as(service).containsEntry("schema-deployment",
                    Map.of("condition", "service_completed_successfully"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceAuthenticatesToKafkaAsItsOwnPrincipalAfterTheAccessStep() throws IOException {
        Map<String, Map<String, Object>> services = services();
        Map<String, String> broker = environment(services.get("kafka"));

        assertThat(broker.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).doesNotContain(":PLAINTEXT");
        assertThat(broker).containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
                .containsEntry("KAFKA_SUPER_USERS", "User:admin");
        assertThat(strings(services.get("kafka-access").get("entrypoint"))).contains("-Dloader.main=dev.loanflow.schemas.KafkaAccess");
        for (String service : List.of("origination-service", "bank-gateway-service", "notification-service")) {
            Map<String, String> environment = environment(services.get(service));
            assertThat(environment).as(service).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                    .containsEntry("KAFKA_USERNAME", service);
            assertThat(environment.get("KAFKA_PASSWORD")).as(service).matches("\\$\\{[A-Z_]+:\\?.*}");
            assertThat((Map<String, Object>) services.get(service).get("depends_on")).as(service)
                    .containsEntry("kafka-access", Map.of("condition", "service_completed_successfully"));
        }
        assertThat(environment(services.get("kafka-ui"))).containsKey("KAFKA_CLUSTERS_0_PROPERTIES_SASL_JAAS_CONFIG");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRegistryTakesWritesOnlyWithTheDeployStepsToken() throws IOException {
        Map<String, Map<String, Object>> services = services();
        Map<String, String> registry = environment(services.get("schema-registry"));

        assertThat(registry).containsEntry("QUARKUS_OIDC_TENANT_ENABLED", "true")
                .containsEntry("QUARKUS_OIDC_TOKEN_AUDIENCE", "schema-registry")
                .containsEntry("APICURIO_AUTH_ANONYMOUS_READ_ACCESS_ENABLED", "true");
        assertThat(environment(services.get("schema-deployment"))).containsEntry("REGISTRY_CLIENT_ID", "schema-deployer")
                .containsKey("REGISTRY_CLIENT_SECRET");
        assertThat(environment(services.get("authorization-server")))
                .containsEntry("SPRING_SECURITY_OAUTH2_AUTHORIZATIONSERVER_CLIENT_SCHEMADEPLOYER_REGISTRATION_SCOPES", "schemas");
    }

    @Test
    void theToolsThatReadEveryTopicOrMetricAskForALogin() throws IOException {
        Map<String, String> kafkaUi = environment(services().get("kafka-ui"));
        Map<String, String> grafana = environment(services().get("grafana"));

        assertThat(kafkaUi).containsEntry("AUTH_TYPE", "LOGIN_FORM").containsKey("SPRING_SECURITY_USER_PASSWORD");
        assertThat(grafana).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false").containsKey("GF_SECURITY_ADMIN_PASSWORD");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    private static Map<String, Map<String, Object>> builtServices() throws IOException {
        Map<String, Map<String, Object>> built = new java.util.LinkedHashMap<>();
        services().forEach((name, service) -> {
            if (service.containsKey("build")) {
                built.put(name, service);
            }
        });
        return built;
    }

    @SuppressWarnings("unchecked")
    private static String module(Map<String, Object> service) {
        return (String) ((Map<String, Object>) ((Map<String, Object>) service.get("build")).get("args")).get("MODULE");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> environment = new java.util.HashMap<>();
        ((Map<String, Object>) service.getOrDefault("environment", Map.of()))
                .forEach((key, value) -> environment.put(key, String.valueOf(value)));
        return environment;
    }

    private static List<String> ports(Map<String, Object> service) {
        return strings(service.get("ports"));
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    private static Set<String> stringKeys(Map<?, ?> map) {
        Set<String> keys = new HashSet<>();
        map.keySet().forEach(key -> keys.add(String.valueOf(key)));
        return keys;
    }

    private static Set<String> names(Pattern pattern, String text) {
        Set<String> names = new HashSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
