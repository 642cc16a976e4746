package dev.loanflow.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A registry restart keeps every schema id and what it means: a record's id still names the schema it was written
 * with, and a schema registered after the restart gets a new id (an in-memory registry reused 1, 2, ... for other
 * schemas, which readers then decoded records with).
 */
class SchemaRegistryDurabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void idsKeepTheirSchemasAcrossARestartAndNewSchemasGetNewIds() throws Exception {
        SchemaRegistryServer registry = SchemaRegistryServer.start(0, SharedInfrastructure.postgres().registryStorage());
        try {
            String subject = "durability-" + UUID.randomUUID();
            int first = register(registry, subject, schema("First"));
            int second = register(registry, subject + "-other", schema("Second"));

            registry = registry.restarted();
            int third = register(registry, subject + "-third", schema("Third"));

            assertThat(schemaOf(registry, first)).contains("First");
            assertThat(schemaOf(registry, second)).contains("Second");
            assertThat(third).isNotIn(first, second);
            assertThat(compatibility(registry)).isEqualTo("BACKWARD");
        } finally {
            registry.close();
        }
    }

    private static String schema(String name) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
    }

    private int register(SchemaRegistryServer registry, String subject, String schema) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(registry.confluentApiUrl() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(JSON.createObjectNode().put("schema", schema))))
                .build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).get("id").asInt();
    }

    private String schemaOf(SchemaRegistryServer registry, int id) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(registry.confluentApiUrl()
                + "/schemas/ids/" + id)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).get("schema").asText();
    }

    private String compatibility(SchemaRegistryServer registry) throws Exception {
        JsonNode config = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(registry.confluentApiUrl() + "/config"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        return config.get("compatibilityLevel").asText();
    }
}
