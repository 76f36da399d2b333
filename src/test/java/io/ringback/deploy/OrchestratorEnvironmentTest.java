package io.ringback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringback.embedded.EmbeddedInfrastructure;
import io.ringback.security.Permissions;
import io.ringback.security.RingbackSecurityProperties;
import io.ringback.support.RequiredInfrastructure;
import io.ringback.telephony.AmiProperties;
import io.ringback.telephony.OriginateProperties;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;
import org.yaml.snakeyaml.Yaml;

/**
 * The environment docker-compose.yml gives the orchestrator (service "ringback"), read by Spring Boot
 * exactly as inside the container: as operating-system environment variables with relaxed binding.
 */
class OrchestratorEnvironmentTest {

    private static final Set<String> EMBEDDED_BEANS = Set.of("embeddedZeebeEngine", "embeddedPostgres", "simulatedAsterisk");

    private final Stack stack = Stack.load();
    private final Map<String, String> composeEnvironment = stack.environment("ringback");

    private static Set<String> embeddedPartsStartedWith(StandardEnvironment env) {
        var context = new GenericApplicationContext();
        context.setEnvironment(env);
        try {
            new EmbeddedInfrastructure().initialize(context);
            return EMBEDDED_BEANS.stream().filter(context.getBeanFactory()::containsSingleton).collect(Collectors.toSet());
        } finally {
            context.getBeanFactory().destroySingletons(); // stops whatever did start
        }
    }

    @Test
    void theComposeEnvironmentStartsNoEmbeddedPart() {
        var env = Stack.springEnvironment(composeEnvironment);

        assertThat(embeddedPartsStartedWith(env)).isEmpty();
        assertThat(env.getProperty("camunda.client.grpc-address")).isEqualTo("http://orchestration:26500");
        assertThat(env.getProperty("spring.datasource.url")).startsWith("jdbc:postgresql://postgres:5432/");
        assertThat(env.getProperty("ringback.ami.host")).isEqualTo("asterisk");
    }

    @Test
    void theComposeEnvironmentGivesEveryAddressTheOrchestratorRequires() {
        assertThat(RequiredInfrastructure.missing(Stack.springEnvironment(composeEnvironment))).isEmpty();
    }

    @Test
    void withoutItsAddressesTheOrchestratorStartsNoEmbeddedPartAndRefusesToStartNamingThem() {
        var withoutAddresses = new LinkedHashMap<>(composeEnvironment);
        withoutAddresses.keySet().removeAll(Set.of(
                "CAMUNDA_CLIENT_GRPCADDRESS", "SPRING_DATASOURCE_URL", "RINGBACK_AMI_HOST"));
        var env = Stack.springEnvironment(withoutAddresses);

        assertThat(embeddedPartsStartedWith(env)).isEmpty();
        assertThat(RequiredInfrastructure.missing(env)).extracting(RequiredInfrastructure.Requirement::property)
                .containsExactly("camunda.client.grpc-address", "spring.datasource.url", "ringback.ami.host");
    }

    @Test
    void theOrchestratorHasAnAdministratorAndAnIntakeUserWithThePasswordsOfDotEnv() {
        RingbackSecurityProperties security = stack.orchestratorProperties("ringback.security", RingbackSecurityProperties.class);

        assertThat(security.users()).containsOnlyKeys("admin", "pbx");
        assertThat(security.users().get("admin").permissions()).containsExactlyInAnyOrderElementsOf(Permissions.ALL);
        assertThat(security.users().get("pbx").permissions()).containsExactly(Permissions.INTAKE);
        assertThat(security.users().get("admin").password()).isEqualTo(stack.dotEnv.get("RINGBACK_ADMIN_PASSWORD"));
        assertThat(security.users().get("pbx").password()).isEqualTo(stack.dotEnv.get("RINGBACK_PBX_PASSWORD"));
        assertThat(security.users().values()).allSatisfy(user ->
                assertThat(user.password()).matches("\\{(noop|bcrypt)}.+"));
    }

    @Test
    void theOrchestratorsHealthCheckNeedsNoLogin() {
        Matcher request = Pattern.compile("GET (\\S+) HTTP/1.1").matcher(stack.healthcheckCommand("ringback"));
        assertThat(request.find()).as("the health check's request line").isTrue();
        RingbackSecurityProperties security = stack.orchestratorProperties("ringback.security", RingbackSecurityProperties.class);

        assertThat(security.publicPaths()).anySatisfy(pattern -> assertThat(PathPatternParser.defaultInstance
                .parse(pattern).matches(PathContainer.parsePath(request.group(1)))).as(pattern).isTrue());
    }

    @Test
    void withoutItsUsersTheOrchestratorRefusesToStartNamingTheWaysToLogIn() {
        var withoutUsers = new LinkedHashMap<>(composeEnvironment);
        withoutUsers.keySet().removeIf(name -> name.startsWith("RINGBACK_SECURITY_USERS_"));

        assertThat(RequiredInfrastructure.missing(Stack.springEnvironment(withoutUsers)))
                .extracting(RequiredInfrastructure.Requirement::property)
                .containsExactly("ringback.security.users.<name>.password");
    }

    @Test
    void theCamundaAddressesAreTheGatewayAndRestPortsOfTheOrchestrationService() {
        var env = Stack.springEnvironment(composeEnvironment);
        URI grpc = env.getProperty("camunda.client.grpc-address", URI.class);
        URI rest = env.getProperty("camunda.client.rest-address", URI.class);

        assertThat(grpc.getHost()).isEqualTo("orchestration");
        assertThat(rest.getHost()).isEqualTo("orchestration");
        assertThat(stack.ports("orchestration")).extracting(Stack.PublishedPort::containerPort)
                .contains(grpc.getPort(), rest.getPort());
        assertThat(env.getProperty("camunda.client.prefer-rest-over-grpc", Boolean.class)).isFalse();
    }

    @Test
    void theDatasourceIsTheDatabaseAndUserOfThePostgresService() {
        var env = Stack.springEnvironment(composeEnvironment);
        Map<String, String> postgres = stack.environment("postgres");

        assertThat(env.getProperty("spring.datasource.url"))
                .isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
        assertThat(env.getProperty("spring.datasource.username")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(env.getProperty("spring.datasource.password")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
    }

    @Test
    void theAmiLoginIsAUserOfAsterisksManagerConf() {
        AmiProperties ami = stack.orchestratorProperties("ringback.ami", AmiProperties.class);
        AsteriskConf manager = AsteriskConf.parse(stack.read("docker/asterisk/manager.conf"));

        assertThat(ami.host()).isEqualTo("asterisk");
        assertThat(ami.port()).isEqualTo(Integer.parseInt(manager.value("general", "port")));
        assertThat(manager.names()).contains(ami.username());
        assertThat(manager.value(ami.username(), "secret")).isEqualTo(ami.secret());
        assertThat(ami.username()).isEqualTo(stack.dotEnv.get("RINGBACK_AMI_USERNAME"));
        assertThat(ami.secret()).isEqualTo(stack.dotEnv.get("RINGBACK_AMI_SECRET"));
    }

    @Test
    void theCamundaClientAuthenticatesTheWayTheOrchestrationClusterExpects() {
        var env = Stack.springEnvironment(composeEnvironment);
        Map<String, Object> camunda = new Yaml().load(stack.read("docker/camunda/application.yaml"));
        boolean unprotectedApi = Boolean.TRUE.equals(path(camunda, "camunda", "security", "authentication", "unprotectedApi"));

        String method = env.getProperty("camunda.client.auth.method");
        if (unprotectedApi) {
            assertThat(method).isEqualTo("none");
        } else {
            assertThat(method).isEqualTo("basic");
            assertThat(env.getProperty("camunda.client.auth.username")).isNotBlank();
            assertThat(env.getProperty("camunda.client.auth.password")).isNotBlank();
        }
    }

    @Test
    void theCallbackChannelGoesThroughTheOutboundContextOfTheDialplan() {
        OriginateProperties originate = stack.orchestratorProperties("ringback.originate", OriginateProperties.class);
        AsteriskConf extensions = AsteriskConf.parse(stack.read("docker/asterisk/extensions.conf"));
        String channel = originate.channelFor("9", "2001", "2001");

        assertThat(channel).isEqualTo("Local/92001@outbound");
        assertThat(extensions.names()).contains("outbound", originate.context());
        assertThat(extensions.steps(originate.context()))
                .anySatisfy(step -> {
                    assertThat(step.extension()).isEqualTo(originate.exten());
                    assertThat(step.priority()).isEqualTo(String.valueOf(originate.priority()));
                });
    }

    private static Object path(Map<String, Object> yaml, String... keys) {
        Object node = yaml;
        for (String key : keys) {
            node = node instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return node;
    }
}
