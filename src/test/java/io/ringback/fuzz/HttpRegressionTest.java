package io.ringback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringback.it.RingbackIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What {@link HttpFuzzTest} found, shrunk, as plain tests: each request answered 500, or something other
 * than a problem naming the field, or changed data it then refused, before the fix named in its test.
 */
class HttpRegressionTest extends RingbackIntegrationTest {

    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8));

    @LocalServerPort int port;
    @Autowired ObjectMapper mapper;

    private final HttpClient http = HttpClient.newHttpClient();

    record Answer(int status, String contentType, JsonNode problem) {
        List<String> fields() {
            List<String> fields = new ArrayList<>();
            problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
            return fields;
        }
    }

    private Answer send(String method, String rawPath, String contentType, String accept, byte[] body) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + rawPath)).header("Authorization", ADMIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (accept != null) {
            builder.header("Accept", accept);
        }
        HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        String type = response.headers().firstValue("Content-Type").orElse("");
        JsonNode problem = response.body().length == 0 ? mapper.createObjectNode() : mapper.readTree(response.body());
        return new Answer(response.statusCode(), type, problem);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String stored(String queue) {
        return "/api/callbacks/" + storedCallback(queue, newNumber()) + "/cancel";
    }

    @Test
    void anInstantInTheQueryIsIso8601NotEpochMilliseconds() throws Exception {
        // was: from=6 taken as 1970-01-01T00:00:00.006Z, so the problem named only the missing `to`
        Answer kpi = send("GET", "/api/kpis/owner-wait-expiries?from=6", null, null, null);
        Answer list = send("GET", "/api/scheduled-callbacks?to=1764590400000", null, null, null);
        Answer iso = send("GET", "/api/kpis/owner-wait-expiries?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00%2B01:00",
                null, null, null);

        assertThat(kpi.status()).isEqualTo(400);
        assertThat(kpi.fields()).containsExactly("from");
        assertThat(list.status()).isEqualTo(400);
        assertThat(list.fields()).containsExactly("to");
        assertThat(iso.status()).as("an instant with Z or an offset: %s", iso.problem()).isEqualTo(200);
    }

    @Test
    void aWildcardContentTypeIsA415NamingTheHeaderNotA500() throws Exception {
        // was: IllegalArgumentException "Content-Type cannot contain wildcard type '*'" -> 500
        Answer answer = send("POST", stored("it-fuzz-regression"), "*/*", null, utf8("{\"reason\":\"x\"}"));

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.fields()).containsExactly("Content-Type");
    }

    @Test
    void aBodyWithAKeyTwiceIsA400NamingTheKeyNotA500() throws Exception {
        // was: InvalidDefinitionException "No fallback setter/field defined for creator property 'queue'" -> 500
        String body = "{\"queue\":\"billing\",\"callerNumber\":\"+5511940001111\",\"holdTimeSeconds\":40,"
                + "\"abandonedAt\":\"" + Instant.now() + "\",\"queue\":\"support\\r\\nAction: Originate\"}";

        Answer answer = send("POST", "/api/abandoned-calls", "application/json", null, utf8(body));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.fields()).containsExactly("queue");
        assertThat(answer.problem().path("errors").get(0).path("message").asText()).isEqualTo("is given twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/agents/%0D", "/api/agents/%0A", "/api/agents/%25", "/api/agents/.", "/api/agents/%3B",
            "/api/callbacks/%5C/cancel", "/api/agents/a%2Fb", "/api/agents/%00"})
    void aPathTheFirewallOrTomcatRefusesIsAProblemNamingThePath(String path) throws Exception {
        // was: Spring Boot's error JSON {timestamp, status, error, path}, or Tomcat's HTML page
        Answer answer = send(path.endsWith("cancel") ? "POST" : "GET", path, null, null, null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.problem().path("title").asText()).isEqualTo("Invalid request");
        assertThat(answer.fields()).containsExactly("path");
    }

    @Test
    void aPutThatAcceptsNoJsonIsRefusedBeforeTheAgentIsSaved() throws Exception {
        // was: the agent was saved, then the answer could not be written: 406 after the change
        String userId = "fuzz-accept-" + UUID.randomUUID().toString().substring(0, 8);
        Answer answer = send("PUT", "/api/agents/" + userId, "application/json", "text/event-stream",
                utf8("{\"displayName\":\"Nobody\"}"));

        assertThat(answer.status()).isEqualTo(406);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.fields()).containsExactly("Accept");
        assertThat(jdbc.sql("select count(*) from agent where user_id = ?").param(userId).query(Integer.class).single())
                .isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nonsense", "image/png"})
    void anAcceptHeaderWithoutJsonGetsA406ProblemNotAnEmptyAnswer(String accept) throws Exception {
        Answer answer = send("GET", "/api/agents/nobody", null, accept, null);

        assertThat(answer.status()).isEqualTo(406);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.fields()).containsExactly("Accept");
    }

    @Test
    void aBodyThatIsNotJsonOrMissingNamesTheBody() throws Exception {
        // was: "The request body is not valid JSON" without an errors list
        Answer truncated = send("PUT", "/api/agents/fuzz-body", "application/json", null, utf8("{\"displayName\":"));
        Answer missing = send("PUT", "/api/agents/fuzz-body", null, null, null);

        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.fields()).containsExactly("body");
        assertThat(truncated.problem().path("errors").get(0).path("message").asText()).startsWith("is not valid JSON");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.fields()).containsExactly("body");
        assertThat(missing.problem().path("errors").get(0).path("message").asText()).isEqualTo("is missing");
    }

    @Test
    void aPathIdWithAControlCharacterIsRepeatedOnlyMadeSafe() throws Exception {
        // was: "id has an invalid value '.\t'" with the tab (and any other control character) as it came
        Answer answer = send("GET", "/api/callbacks/x%09y", null, null, null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.fields()).containsExactly("id");
        assertThat(answer.problem().path("detail").asText()).contains("'x?y'").doesNotContain("\t");
    }

    @Test
    void aLongPathIdIsA400WithItsInstanceShortened() throws Exception {
        String id = "%F0%9F%98%80".repeat(40); // 40 emoji, 480 characters encoded
        Answer answer = send("GET", "/api/agents/" + id, null, null, null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.fields()).containsExactly("userId");
        assertThat(answer.problem().path("instance").asText().length()).isLessThanOrEqualTo(200);
    }

    @Test
    void anInstantBeyondWhatJavaHoldsNamesTheField() throws Exception {
        // was: "body is not valid JSON" for a body that is JSON
        String body = "{\"queue\":\"billing\",\"callerNumber\":\"+5511940001112\",\"holdTimeSeconds\":40,"
                + "\"abandonedAt\":-9223372036854775808}";

        Answer answer = send("POST", "/api/abandoned-calls", "application/json", null, utf8(body));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.fields()).containsExactly("abandonedAt");
    }
}
