package io.ringback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringback.deploy.Stack.Mount;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/camunda/application.yaml, the configuration of the orchestration cluster, against the
 * services of docker-compose.yml.
 */
class CamundaConfigurationTest {

    private static final String CONFIG_IN_IMAGE = "/usr/local/camunda/config/application.yaml";

    private final Stack stack = Stack.load();
    private final Map<String, Object> config = new Yaml().load(stack.read("docker/camunda/application.yaml"));

    @Test
    void theConfigurationIsMountedWhereTheImageReadsIt() {
        assertThat(stack.mounts("orchestration"))
                .contains(new Mount("./docker/camunda/application.yaml", CONFIG_IN_IMAGE, true));
    }

    @Test
    void operateAndTasklistDataGoToTheStacksElasticsearch() {
        URI secondaryStorage = URI.create(string("camunda", "data", "secondaryStorage", "elasticsearch", "url"));
        URI exporter = URI.create(string("zeebe", "broker", "exporters", "CamundaExporter", "args", "connect", "url"));

        assertThat(string("camunda", "data", "secondaryStorage", "type")).isEqualTo("elasticsearch");
        assertThat(secondaryStorage).isEqualTo(exporter);
        assertThat(stack.services()).containsKey(secondaryStorage.getHost());
        assertThat(stack.image(secondaryStorage.getHost())).contains("elasticsearch");
        assertThat(secondaryStorage.getPort()).isEqualTo(9200);
    }

    @Test
    void theGatewayAndManagementPortsAreTheOnesPublishedAndProbed() {
        int gateway = ((Number) value("zeebe", "broker", "gateway", "network", "port")).intValue();
        int management = ((Number) value("management", "server", "port")).intValue();

        assertThat(stack.ports("orchestration")).extracting(Stack.PublishedPort::containerPort).contains(gateway, management);
        assertThat(stack.healthcheckCommand("orchestration"))
                .contains("/dev/tcp/127.0.0.1/" + management)
                .contains("/actuator/health/readiness");
    }

    @Test
    void theWebApplicationsAskForALoginWhoseFirstUserIsAnAdministrator() {
        Map<String, String> env = stack.environment("orchestration");

        assertThat(string("camunda", "security", "authentication", "method")).isEqualTo("basic");
        assertThat(string("spring", "profiles", "active")).contains("operate", "tasklist", "broker", "identity");
        assertThat(env.get("CAMUNDA_SECURITY_INITIALIZATION_USERS_0_USERNAME")).isNotBlank()
                .isEqualTo(env.get("CAMUNDA_SECURITY_INITIALIZATION_DEFAULTROLES_ADMIN_USERS_0"));
        assertThat(env.get("CAMUNDA_SECURITY_INITIALIZATION_USERS_0_PASSWORD")).isEqualTo(stack.dotEnv.get("CAMUNDA_ADMIN_PASSWORD"));
    }

    private String string(String... path) {
        return String.valueOf(value(path));
    }

    private Object value(String... path) {
        Object node = config;
        for (String key : path) {
            assertThat(node).as(String.join(".", path)).isInstanceOf(Map.class);
            node = ((Map<?, ?>) node).get(key);
        }
        assertThat(node).as(String.join(".", path)).isNotNull();
        return node;
    }
}
