package dev.loanflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.loanflow.infra.Platform;
import dev.loanflow.schemas.SchemaDeployment;

/** The schema registry as a trust boundary: anyone may read our schemas; only the deploy step's token may write. */
class RegistryAccessIT {

    private static final String FOREIGN_SCHEMA = "{\"schemaType\":\"AVRO\",\"schema\":"
            + "\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"ApplicationSubmitted\\\",\\\"namespace\\\":\\\"dev.loanflow.events\\\","
            + "\\\"fields\\\":[{\\\"name\\\":\\\"x\\\",\\\"type\\\":\\\"string\\\",\\\"default\\\":\\\"\\\"}]}\"}";

    private final Platform platform = SharedPlatform.get();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anyoneReadsTheSchemas() throws Exception {
        HttpResponse<String> subjects = send(HttpRequest.newBuilder(URI.create(platform.registry.confluentApiUrl() + "/subjects")));

        assertThat(subjects.statusCode()).isEqualTo(200);
        assertThat(subjects.body()).contains("dev.loanflow.events.ApplicationSubmitted");
    }

    @Test
    void aWriteWithoutATokenIsRefused() throws Exception {
        assertThat(register(null).statusCode()).isEqualTo(401);
    }

    @Test
    void aMerchantsTokenCannotWriteEither() throws Exception {
        assertThat(register(platform.authorization.token("merchant-a")).statusCode()).isIn(401, 403);
    }

    @Test
    void theDeployStepWritesWithItsOwnToken() {
        assertThatCode(() -> SchemaDeployment.registerAll(platform.registry.confluentApiUrl(),
                platform.authorization.token(Platform.SCHEMA_DEPLOYER))).doesNotThrowAnyException();
    }

    private HttpResponse<String> register(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.registry.confluentApiUrl()
                        + "/subjects/dev.loanflow.events.ApplicationSubmitted/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(FOREIGN_SCHEMA));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
