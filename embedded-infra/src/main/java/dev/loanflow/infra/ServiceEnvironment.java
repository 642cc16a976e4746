package dev.loanflow.infra;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The environment the three services and the bank simulator's sandbox merchant need on one machine: where Kafka,
 * the registry, PostgreSQL, the authorization server, the bank and SMTP are, who may submit over Kafka (each
 * service authenticates to the broker as its own principal: {@link #withKafkaPrincipal}), with a fresh personal-data key and
 * a fresh webhook secret for each merchant per run (nothing sealed outlives the stack).
 */
public record ServiceEnvironment(String kafkaBootstrapServers, String registryApiUrl, String jdbcUrl, String authIssuer,
                                 String bankUrl, String gatewayPublicUrl, int smtpPort, List<String> merchants,
                                 String upstreamPublishers) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public Map<String, String> variables() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        environment.put("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        environment.put("UPSTREAM_PUBLISHERS", upstreamPublishers);
        environment.put("SCHEMA_REGISTRY_URL", registryApiUrl);
        environment.put("DATABASE_URL", jdbcUrl);
        environment.put("DATABASE_USER", PostgresServer.USER);
        environment.put("DATABASE_PASSWORD", PostgresServer.PASSWORD);
        environment.put("AUTH_ISSUER", authIssuer);
        // the simulator's documented sandbox merchant; a real deployment sets these from its secret store
        environment.put("BANK_API_URL", bankUrl);
        environment.put("BANK_USERNAME", "sandbox");
        environment.put("BANK_PASSWORD", "sandbox");
        environment.put("BANK_MERCHANT_NO", "4003");
        environment.put("BANK_API_SECRET_KEY", "sandbox-secret");
        environment.put("GATEWAY_PUBLIC_URL", gatewayPublicUrl);
        environment.put("PERSONAL_DATA_ACTIVE_KEY_ID", "local");
        environment.put("LOANFLOW_PERSONALDATA_KEYS_LOCAL", randomBase64(32));
        environment.put("SMTP_HOST", "127.0.0.1");
        environment.put("SMTP_PORT", String.valueOf(smtpPort));
        environment.put("WEBHOOK_SECRETS", merchants.stream().map(merchant -> merchant + "=whsec_" + randomBase64(24))
                .collect(Collectors.joining(",")));
        environment.put("WEBHOOK_ALLOW_PRIVATE_NETWORK", "true");
        return environment;
    }

    /** A service's environment with its own Kafka principal (named as the service) and password. */
    public static Map<String, String> withKafkaPrincipal(Map<String, String> environment, String service, String password) {
        Map<String, String> own = new LinkedHashMap<>(environment);
        own.put("KAFKA_USERNAME", service);
        own.put("KAFKA_PASSWORD", password);
        return own;
    }

    private static String randomBase64(int bytes) {
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
