package dev.loanflow.schemas;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.apache.avro.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a writer schema the way any Confluent Schema Registry client does, through the Confluent-compatible API
 * only: the schema by id, then its references (nested named types, registered once each) by subject and version.
 */
final class ConfluentSchemaResolver {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfluentSchemaResolver() {
    }

    static Schema resolve(String confluentUrl, int schemaId) throws IOException, InterruptedException {
        JsonNode schema = get(confluentUrl + "/schemas/ids/" + schemaId);
        Schema.Parser parser = new Schema.Parser();
        defineReferences(confluentUrl, schema.path("references"), parser);
        return parser.parse(schema.get("schema").asText());
    }

    private static void defineReferences(String confluentUrl, JsonNode references, Schema.Parser parser)
            throws IOException, InterruptedException {
        for (JsonNode reference : references) {
            if (parser.getTypes().containsKey(reference.get("name").asText())) {
                continue;
            }
            JsonNode referenced = get(confluentUrl + "/subjects/"
                    + URLEncoder.encode(reference.get("subject").asText(), StandardCharsets.UTF_8)
                    + "/versions/" + reference.get("version").asText());
            defineReferences(confluentUrl, referenced.path("references"), parser);
            parser.parse(referenced.get("schema").asText());
        }
    }

    static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
