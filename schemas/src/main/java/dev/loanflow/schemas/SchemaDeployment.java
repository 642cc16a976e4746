package dev.loanflow.schemas;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The deploy step that registers every event schema of the topic catalogue, before anything publishes, through the
 * registry's Confluent-compatible API: each under the subject a stock Confluent client's {@code RecordNameStrategy}
 * names (the record's full name), with its nested types inlined. Registering a schema again changes nothing.
 * <p>
 * {@code java -cp schemas.jar:<its dependencies> dev.loanflow.schemas.SchemaDeployment <Confluent API URL>}
 */
public final class SchemaDeployment {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SchemaDeployment() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: SchemaDeployment <the registry's Confluent API URL, e.g. http://localhost:8081/apis/ccompat/v7>");
            System.exit(2);
        }
        registerAll(args[0]).forEach((subject, id) -> System.out.println(subject + " " + id));
    }

    /** @return each subject registered and its schema id */
    public static Map<String, Integer> registerAll(String confluentApiUrl) {
        Map<String, Integer> registered = new LinkedHashMap<>();
        Arrays.stream(Topic.values()).flatMap(topic -> topic.recordTypes().stream()).distinct()
                .forEach(type -> registered.put(subject(type), register(confluentApiUrl, type)));
        return registered;
    }

    public static String subject(Class<? extends SpecificRecord> type) {
        return SpecificData.get().getSchema(type).getFullName();
    }

    private static int register(String confluentApiUrl, Class<? extends SpecificRecord> type) {
        String subject = subject(type);
        try {
            String body = JSON.writeValueAsString(Map.of("schemaType", "AVRO",
                    "schema", SpecificData.get().getSchema(type).toString()));
            HttpRequest request = HttpRequest.newBuilder(URI.create(confluentApiUrl + "/subjects/"
                            + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode id = answer.statusCode() == 200 ? JSON.readTree(answer.body()).path("id") : null;
            if (id == null || !id.canConvertToInt()) {
                throw new IllegalStateException("the registry refused " + subject + ": " + answer.statusCode() + " "
                        + answer.body());
            }
            return id.asInt();
        } catch (IOException e) {
            throw new IllegalStateException("the registry at " + confluentApiUrl + " could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
