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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The deploy step that registers every event schema of the topic catalogue, before anything publishes, through the
 * registry's Confluent-compatible API: each under the subject a stock Confluent client's {@code RecordNameStrategy}
 * names (the record's full name), with its nested types inlined. Registering a schema again changes nothing.
 * <p>
 * {@code java -cp schemas.jar:<its dependencies> dev.loanflow.schemas.SchemaDeployment <Confluent API URL>}
 */
public final class SchemaDeployment {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
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
        String body = "{\"schemaType\":\"AVRO\",\"schema\":" + quoted(SpecificData.get().getSchema(type).toString()) + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(confluentApiUrl + "/subjects/"
                        + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher id = ID.matcher(answer.body());
            if (answer.statusCode() != 200 || !id.find()) {
                throw new IllegalStateException("the registry refused " + subject + ": " + answer.statusCode() + " "
                        + answer.body());
            }
            return Integer.parseInt(id.group(1));
        } catch (IOException e) {
            throw new IllegalStateException("the registry at " + confluentApiUrl + " could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 16).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
