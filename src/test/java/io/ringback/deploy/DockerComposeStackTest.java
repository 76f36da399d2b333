package io.ringback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringback.deploy.Stack.Mount;
import io.ringback.deploy.Stack.PublishedPort;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and .env: the structure Docker Compose needs to bring the whole stack up with
 * one {@code docker compose up -d} and keep its data across restarts. Read as files: there is no
 * Docker engine on the build machines.
 */
class DockerComposeStackTest {

    private static final Set<String> SERVICES = Set.of("elasticsearch", "orchestration", "postgres", "asterisk", "ringback");

    private final Stack stack = Stack.load();

    @Test
    void theStackIsTheOrchestratorWithCamundaElasticsearchPostgresqlAndAsterisk() {
        assertThat(stack.services().keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    @Test
    void everyServiceHasAHealthCheckThatRunsACommand() {
        SoftAssertions soft = new SoftAssertions();
        for (String service : stack.services().keySet()) {
            Map<String, Object> healthcheck = stack.healthcheck(service);
            soft.assertThat(healthcheck).as(service).isNotNull();
            if (healthcheck == null) {
                continue;
            }
            Object test = healthcheck.get("test");
            soft.assertThat(test).as(service + " healthcheck.test").isInstanceOf(List.class);
            if (test instanceof List<?> command) {
                soft.assertThat(String.valueOf(command.get(0))).as(service + " test form").isIn("CMD", "CMD-SHELL");
                soft.assertThat(command.subList(1, command.size())).as(service + " command").isNotEmpty()
                        .allSatisfy(part -> assertThat(String.valueOf(part)).isNotBlank());
            }
            soft.assertThat(healthcheck).as(service).containsKeys("interval", "timeout", "retries");
        }
        soft.assertAll();
    }

    @Test
    void everyImageIsPinnedToAVersionInDotEnv() {
        SoftAssertions soft = new SoftAssertions();
        for (var entry : stack.services().entrySet()) {
            String raw = String.valueOf(entry.getValue().get("image"));
            soft.assertThat(raw).as(entry.getKey() + " image").matches(".*:\\$\\{[A-Z0-9_]+}");
            String image = stack.interpolate(raw);
            String tag = image.substring(image.lastIndexOf(':') + 1);
            soft.assertThat(tag).as(entry.getKey() + " tag").isNotEqualTo("latest").containsPattern("\\d+\\.\\d+");
        }
        soft.assertAll();
    }

    @Test
    void everyVariableOfTheComposeFileIsSetInDotEnv() {
        assertThat(stack.referencedVariables()).isNotEmpty().allSatisfy(name ->
                assertThat(stack.dotEnv.get(name)).as("%s in .env", name).isNotBlank());
    }

    @Test
    void everyVersionInDotEnvIsAFixedOneNeverLatest() {
        Map<String, String> versions = stack.dotEnv.entrySet().stream()
                .filter(e -> e.getKey().endsWith("_VERSION") || e.getKey().endsWith("_IMAGE") || e.getKey().endsWith("_TAG"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        // a major-only tag like "22" or "21-jre" floats: at least major.minor (PostgreSQL: 17.7)
        assertThat(versions).isNotEmpty().allSatisfy((name, value) ->
                assertThat(value).as(name).doesNotContainIgnoringCase("latest").containsPattern("\\d+\\.\\d+"));
    }

    @Test
    void everySecretHasAnObviousChangeMeDefault() {
        Map<String, String> secrets = stack.dotEnv.entrySet().stream()
                .filter(e -> e.getKey().contains("PASSWORD") || e.getKey().contains("SECRET"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(secrets).containsKeys("POSTGRES_PASSWORD", "RINGBACK_AMI_SECRET", "CAMUNDA_ADMIN_PASSWORD",
                        "RINGBACK_ADMIN_PASSWORD", "RINGBACK_PBX_PASSWORD")
                .allSatisfy((name, value) -> assertThat(value).as(name).contains("change-me"));
    }

    @Test
    void theOrchestrationClusterRunsTheMinorVersionOfTheCamundaClient() {
        Matcher pom = Pattern.compile("<camunda.version>([^<]+)</camunda.version>").matcher(stack.read("pom.xml"));
        assertThat(pom.find()).as("camunda.version in pom.xml").isTrue();
        String image = stack.image("orchestration");

        assertThat(image).startsWith("camunda/camunda:");
        assertThat(minor(image.substring(image.indexOf(':') + 1))).isEqualTo(minor(pom.group(1))).isEqualTo("8.8");
    }

    @Test
    void camundaPublishesItsGrpcRestAndManagementPorts() {
        Set<Integer> published = stack.ports("orchestration").stream()
                .filter(p -> p.protocol().equals("tcp"))
                .map(PublishedPort::containerPort)
                .collect(Collectors.toSet());
        assertThat(published).contains(26500, 8080, 9600);
    }

    @Test
    void noTwoServicesPublishTheSameHostPort() {
        Map<String, String> owner = new HashMap<>();
        SoftAssertions soft = new SoftAssertions();
        for (String service : stack.services().keySet()) {
            for (PublishedPort port : stack.ports(service)) {
                String key = port.hostPort() + "/" + port.protocol();
                String previous = owner.putIfAbsent(key, service);
                soft.assertThat(previous).as("host port %s of %s", key, service).isNull();
            }
        }
        soft.assertAll();
        assertThat(stack.ports("ringback")).extracting(PublishedPort::containerPort).contains(8080);
    }

    @Test
    void everyNamedVolumeIsDeclaredAndUsed() {
        Set<String> declared = volumesDeclared();
        Set<String> used = new TreeSet<>();
        for (String service : stack.services().keySet()) {
            stack.mounts(service).stream().filter(m -> !m.isBind()).map(Mount::source).forEach(used::add);
        }
        assertThat(used).isEqualTo(declared);
    }

    @Test
    void theDataOfEveryStatefulServiceLivesInANamedVolume() {
        assertThat(namedVolumeTargets("elasticsearch")).contains("/usr/share/elasticsearch/data");
        // Zeebe's primary storage: camunda.data.primary-storage.directory "data" below CAMUNDA_HOME
        assertThat(namedVolumeTargets("orchestration")).contains("/usr/local/camunda/data");
        assertThat(namedVolumeTargets("postgres")).contains("/var/lib/postgresql/data");
        assertThat(namedVolumeTargets("asterisk")).contains("/var/spool/asterisk", "/var/log/asterisk", "/var/lib/asterisk/sounds");
    }

    @Test
    void everyBindMountedFileExistsInTheRepositoryAndIsReadOnly() {
        SoftAssertions soft = new SoftAssertions();
        for (String service : stack.services().keySet()) {
            for (Mount mount : stack.mounts(service)) {
                if (mount.isBind()) {
                    soft.assertThat(stack.exists(mount.source())).as("%s of %s exists", mount.source(), service).isTrue();
                    soft.assertThat(mount.readOnly()).as("%s mounted read-only", mount.source()).isTrue();
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void everyServiceJoinsTheSharedNetwork() {
        @SuppressWarnings("unchecked")
        Map<String, Object> networks = (Map<String, Object>) stack.compose.get("networks");
        assertThat(networks).hasSize(1);
        String network = networks.keySet().iterator().next();
        assertThat(stack.services().keySet()).allSatisfy(service ->
                assertThat(stack.listOf(service, "networks")).as(service).containsExactly(network));
    }

    @Test
    void theOrchestratorWaitsUntilEveryServiceItTalksToIsHealthy() {
        Map<String, String> env = stack.environment("ringback");
        Set<String> hosts = Stream.of(
                URI.create(env.get("CAMUNDA_CLIENT_GRPCADDRESS")).getHost(),
                URI.create(env.get("CAMUNDA_CLIENT_RESTADDRESS")).getHost(),
                URI.create(env.get("SPRING_DATASOURCE_URL").substring("jdbc:".length())).getHost(),
                env.get("RINGBACK_AMI_HOST")).collect(Collectors.toSet());

        assertThat(hosts).containsExactlyInAnyOrder("orchestration", "postgres", "asterisk");
        assertThat(stack.dependsOn("ringback")).containsAllEntriesOf(
                hosts.stream().collect(Collectors.toMap(h -> h, h -> "service_healthy")));
    }

    @Test
    void theOrchestrationClusterStartsOnlyOnAHealthyElasticsearch() {
        assertThat(stack.dependsOn("orchestration")).containsEntry("elasticsearch", "service_healthy");
    }

    @SuppressWarnings("unchecked")
    private Set<String> volumesDeclared() {
        Map<String, Object> volumes = (Map<String, Object>) stack.compose.get("volumes");
        return new TreeSet<>(volumes.keySet());
    }

    private Set<String> namedVolumeTargets(String service) {
        Set<String> declared = volumesDeclared();
        return stack.mounts(service).stream()
                .filter(m -> declared.contains(m.source()))
                .map(Mount::target)
                .collect(Collectors.toSet());
    }

    private static String minor(String version) {
        Matcher m = Pattern.compile("^(\\d+\\.\\d+)").matcher(version);
        assertThat(m.find()).as("version %s", version).isTrue();
        return m.group(1);
    }
}
