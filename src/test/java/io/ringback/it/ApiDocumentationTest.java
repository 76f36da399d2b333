package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringback.it.PermissionMatrixTest.Access;
import io.ringback.it.PermissionMatrixTest.Endpoint;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The OpenAPI description of the embedded mode documents every operation of the API with how to log
 * in and the permission it needs — the same as the permission matrix enforces — and the Swagger UI
 * is served.
 */
@SuppressWarnings("unchecked")
class ApiDocumentationTest extends RingbackIntegrationTest {

    @Autowired TestRestTemplate rest;

    @Test
    void everyOperationOfTheApiStatesItsLoginAndThePermissionTheMatrixHoldsItTo() {
        Map<String, Object> api = rest.getForObject("/v3/api-docs", Map.class);
        Map<String, Object> schemes = (Map<String, Object>) ((Map<String, Object>) api.get("components")).get("securitySchemes");
        Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>) api.get("paths");

        assertThat(schemes).containsOnlyKeys("basic");
        assertThat((Map<String, Object>) schemes.get("basic")).containsEntry("type", "http").containsEntry("scheme", "basic");
        assertThat(paths.keySet()).contains("/api/abandoned-calls", "/api/callbacks", "/api/callbacks/{id}",
                "/api/callbacks/{id}/cancel", "/api/me");
        SoftAssertions soft = new SoftAssertions();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            String name = method.toUpperCase() + " " + path;
            Endpoint endpoint = PermissionMatrixTest.MATRIX.stream().filter(e -> e.toString().equals(name))
                    .findFirst().orElseThrow(() -> new AssertionError(name + " has no line in the permission matrix"));
            soft.assertThat((List<Object>) operation.get("security")).as(name).containsExactly(Map.of("basic", List.of()));
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            soft.assertThat(responses).as(name).containsKey("401");
            if (endpoint.access() == Access.PERMISSION) {
                soft.assertThat(operation.get("x-required-permission")).as(name).isEqualTo(endpoint.permission());
                soft.assertThat((String) operation.get("description")).as(name).contains(endpoint.permission());
                soft.assertThat(responses).as(name).containsKey("403");
            } else {
                soft.assertThat(operation).as(name).doesNotContainKey("x-required-permission");
            }
        }));
        soft.assertAll();
    }

    @Test
    void theSwaggerUiIsServedWithoutALogin() {
        var page = rest.getForEntity("/swagger-ui/index.html", String.class);

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(page.getBody()).contains("swagger-ui");
    }
}
