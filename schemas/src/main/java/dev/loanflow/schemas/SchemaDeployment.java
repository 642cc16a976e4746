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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The deploy step that registers every event schema of the topic catalogue, before anything publishes, through the
 * registry's Confluent-compatible API: each under the subject a stock Confluent client's {@code RecordNameStrategy}
 * names (the record's full name), with its nested types inlined, and BACKWARD compatibility as the Confluent API's
 * global setting. Registering a schema again changes nothing. Where the registry takes writes only with a token (the
 * local stack, the system tests, compose), the step gets one for its own OAuth client (scope {@code schemas}).
 * <p>
 * {@code java -cp schemas.jar:<its dependencies> dev.loanflow.schemas.SchemaDeployment <Confluent API URL>}, with
 * {@code REGISTRY_TOKEN_URL}, {@code REGISTRY_CLIENT_ID} and {@code REGISTRY_CLIENT_SECRET} where writes need a token.
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
        String tokenUrl = System.getenv("REGISTRY_TOKEN_URL");
        String token = tokenUrl == null || tokenUrl.isBlank() ? null
                : clientCredentialsToken(tokenUrl, System.getenv("REGISTRY_CLIENT_ID"), System.getenv("REGISTRY_CLIENT_SECRET"));
        registerAll(args[0], token).forEach((subject, id) -> System.out.println(subject + " " + id));
    }

    /** @return each subject registered and its schema id */
    public static Map<String, Integer> registerAll(String confluentApiUrl) {
        return registerAll(confluentApiUrl, null);
    }

    /** With a bearer token for a registry that takes writes only with one; {@code null} for an open registry. */
    public static Map<String, Integer> registerAll(String confluentApiUrl, String bearerToken) {
        send(confluentApiUrl + "/config", bearerToken, "PUT", "{\"compatibility\":\"BACKWARD\"}");
        Map<String, Integer> registered = new LinkedHashMap<>();
        Arrays.stream(Topic.values()).flatMap(topic -> topic.recordTypes().stream()).distinct()
                .forEach(type -> registered.put(subject(type), register(confluentApiUrl, bearerToken, type)));
        return registered;
    }

    /** An access token of the OAuth2 client-credentials flow, for the deploy step's own client. */
    static String clientCredentialsToken(String tokenUrl, String clientId, String secret) {
        String credentials = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=schemas")).build();
        try {
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode token = answer.statusCode() == 200 ? JSON.readTree(answer.body()).path("access_token") : null;
            if (token == null || !token.isTextual()) {
                throw new IllegalStateException("no token for " + clientId + ": " + answer.statusCode());
            }
            return token.asText();
        } catch (IOException e) {
            throw new IllegalStateException("the token endpoint at " + tokenUrl + " could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(String url, String bearerToken, String method, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the registry refused " + method + " " + url + ": " + answer.statusCode()
                        + " " + answer.body());
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException("the registry at " + url + " could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String subject(Class<? extends SpecificRecord> type) {
        return SpecificData.get().getSchema(type).getFullName();
    }

    private static int register(String confluentApiUrl, String bearerToken, Class<? extends SpecificRecord> type) {
        String subject = subject(type);
        try {
            String body = JSON.writeValueAsString(Map.of("schemaType", "AVRO",
                    "schema", SpecificData.get().getSchema(type).toString()));
            HttpResponse<String> answer = send(confluentApiUrl + "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8)
                    + "/versions", bearerToken, "POST", body);
            JsonNode id = JSON.readTree(answer.body()).path("id");
            if (!id.canConvertToInt()) {
                throw new IllegalStateException("the registry answered no id for " + subject + ": " + answer.body());
            }
            return id.asInt();
        } catch (IOException e) {
            throw new IllegalStateException("the registry's answer for " + subject + " could not be read", e);
        }
    }
}
