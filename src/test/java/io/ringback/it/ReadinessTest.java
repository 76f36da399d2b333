package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With Asterisk unreachable the application is alive but not ready. */
@ActiveProfiles("embedded") // the embedded mode, as `mvn spring-boot:run`
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ringback.embedded.zeebe.port=0",
        "ringback.embedded.asterisk.enabled=false",
        "camunda.client.worker.defaults.stream-enabled=true",
        "camunda.client.worker.defaults.poll-interval=PT1H",
        "ringback.ami.login-retry-initial=200ms"})
class ReadinessTest {

    @DynamicPropertySource
    static void unreachableAsterisk(DynamicPropertyRegistry registry) throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        registry.add("ringback.ami.host", () -> "127.0.0.1");
        registry.add("ringback.ami.port", () -> closedPort);
    }

    @Autowired TestRestTemplate rest;

    @Test
    @SuppressWarnings("unchecked")
    void withAmiDownTheApplicationIsAliveButNotReady() {
        var readiness = rest.getForEntity("/actuator/health/readiness", Map.class);
        var liveness = rest.getForEntity("/actuator/health/liveness", Map.class);

        assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        Map<String, Object> components = (Map<String, Object>) readiness.getBody().get("components");
        assertThat((Map<String, Object>) components.get("ami")).containsEntry("status", "UNREACHABLE");
        assertThat((Map<String, Object>) components.get("db")).containsEntry("status", "UP");
        assertThat(liveness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(liveness.getBody()).containsEntry("status", "UP");
    }

    @Test
    @SuppressWarnings("unchecked")
    void withAmiDownTheOverallHealthStillLetsALoadBalancerSendAbandonsToTheApi() {
        var health = rest.getForEntity("/actuator/health", Map.class);

        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> components = (Map<String, Object>) health.getBody().get("components");
        assertThat(((Map<String, Object>) components.get("ami")).get("status")).isNotEqualTo("UP");
    }
}
