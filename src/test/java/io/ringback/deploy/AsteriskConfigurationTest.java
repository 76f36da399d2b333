package io.ringback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringback.deploy.AsteriskConf.Section;
import io.ringback.deploy.AsteriskConf.Step;
import io.ringback.deploy.Stack.Mount;
import io.ringback.deploy.Stack.PublishedPort;
import io.ringback.telephony.OriginateProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The Asterisk configuration under docker/asterisk: what the orchestrator needs from Asterisk
 * (docs/asterisk.md) and what the example queues and phones need from each other.
 */
class AsteriskConfigurationTest {

    private final Stack stack = Stack.load();
    private final AsteriskConf manager = conf("manager.conf");
    private final AsteriskConf extensions = conf("extensions.conf");
    private final AsteriskConf queues = conf("queues.conf");
    private final AsteriskConf pjsip = conf("pjsip.conf");
    private final AsteriskConf rtp = conf("rtp.conf");

    private AsteriskConf conf(String file) {
        return AsteriskConf.parse(stack.read("docker/asterisk/" + file));
    }

    @Test
    void everyConfigurationFileIsMountedOverTheImagesOwn() throws IOException {
        List<String> files;
        try (Stream<java.nio.file.Path> listing = Files.list(stack.root.resolve("docker/asterisk"))) {
            files = listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf")).sorted().toList();
        }
        Map<String, String> mounted = stack.mounts("asterisk").stream().filter(Mount::isBind)
                .collect(Collectors.toMap(Mount::target, Mount::source));

        assertThat(files).contains("manager.conf", "extensions.conf", "queues.conf", "pjsip.conf", "rtp.conf", "modules.conf");
        assertThat(files).allSatisfy(file ->
                assertThat(mounted).containsEntry("/etc/asterisk/" + file, "./docker/asterisk/" + file));
    }

    @Test
    void amiListensOnAllInterfacesOfTheContainerAtTheOrchestratorsPort() {
        assertThat(manager.value("general", "enabled")).isEqualTo("yes");
        assertThat(manager.value("general", "bindaddr")).isEqualTo("0.0.0.0");
        assertThat(manager.value("general", "port")).isEqualTo(stack.environment("ringback").get("RINGBACK_AMI_PORT"));
    }

    @Test
    void eventsAboutACallbackCallCarryTheAttemptItBelongsTo() {
        assertThat(Set.of(manager.value("general", "channelvars").split("\\s*,\\s*")))
                .containsExactlyInAnyOrder(io.ringback.callback.CallbackCalls.CALLBACK_ID_VARIABLE,
                        io.ringback.callback.CallbackCalls.ATTEMPT_VARIABLE);
    }

    @Test
    void theOrchestratorsAmiUserMayOriginateAndReceivesQueueAndCallEvents() {
        String user = stack.dotEnv.get("RINGBACK_AMI_USERNAME");
        Set<String> read = classes(manager.value(user, "read"));
        Set<String> write = classes(manager.value(user, "write"));

        // QueueCallerAbandon, AgentConnect, QueueMember*: agent; OriginateResponse: call
        assertThat(read).contains("agent", "call", "system");
        assertThat(write).contains("originate");
    }

    @Test
    void theOrchestratorsAmiUserIsLimitedToPrivateNetworks() {
        Section user = manager.sections(stack.dotEnv.get("RINGBACK_AMI_USERNAME")).get(0);

        assertThat(AsteriskConf.values(user, "deny")).containsExactly("0.0.0.0/0.0.0.0");
        assertThat(AsteriskConf.values(user, "permit")).isNotEmpty().allSatisfy(network ->
                assertThat(network).matches("(10\\.|172\\.(1[6-9]|2\\d|3[01])\\.|192\\.168\\.).*"));
    }

    @Test
    void theCallbackContextPlaysTheCallbackMessageAndJoinsTheCallbacksQueue() {
        List<String> applications = callbackApplications();

        assertThat(extensions.steps("callback")).extracting(Step::priority).first().isEqualTo("1");
        assertThat(applications).anySatisfy(app -> assertThat(app).contains("Playback(${CB_MESSAGE})"));
        assertThat(applications).anySatisfy(app -> assertThat(app).startsWith("Queue(${CB_QUEUE}"));
        assertThat(indexOf(applications, "Playback(")).isLessThan(indexOf(applications, "Queue("));
    }

    /** The applications of the extension the orchestrator originates into, in order. */
    private List<String> callbackApplications() {
        var originate = stack.orchestratorProperties("ringback.originate", OriginateProperties.class);
        return extensions.steps(originate.context()).stream()
                .filter(step -> step.extension().equals(originate.exten()))
                .map(Step::application)
                .toList();
    }

    @Test
    void aStickyCallbackIsConnectedToItsAgentBeforeTheQueueIsTried() {
        List<String> applications = callbackApplications();

        assertThat(applications).anySatisfy(app -> assertThat(app).startsWith("Dial(${CB_AGENT}"));
        assertThat(applications).anySatisfy(app -> assertThat(app).contains("\"${CB_AGENT}\" = \"\""));
        assertThat(indexOf(applications, "Playback(")).isLessThan(indexOf(applications, "Dial(${CB_AGENT}"));
        assertThat(indexOf(applications, "Dial(${CB_AGENT}")).isLessThan(indexOf(applications, "Queue("));
    }

    @Test
    void aCallbackOfEveryQueueWithADialPrefixFindsAnOutboundRoute() {
        Map<String, String> prefixes = SettingsDmn.dialPrefixByQueue(stack.read("dmn/dial-policy.dmn"));
        var originate = stack.orchestratorProperties("ringback.originate", OriginateProperties.class);
        // numbers as Ringback stores them (PhoneNumbers.normalise): national, E.164, an example phone
        List<String> numbers = List.of("11987654321", "+5511987654321", "2001");

        SoftAssertions soft = new SoftAssertions();
        prefixes.forEach((queue, prefix) -> {
            if (prefix.isEmpty()) {
                return; // no prefix: callbacks of this queue are not dialed through a route (billing: off)
            }
            for (String number : numbers) {
                String channel = originate.channelFor(prefix, number, number.replace("+55", ""));
                String[] local = channel.substring("Local/".length()).split("@");
                soft.assertThat(channel).as(queue).startsWith("Local/");
                soft.assertThat(extensions.routes(local[1], local[0])).as("%s: %s", queue, channel).isTrue();
            }
        });
        soft.assertAll();
        assertThat(prefixes.values()).contains("9");
    }

    @Test
    void theOutboundRouteDialsExternalNumbersThroughTheTrunk() {
        List<Step> external = extensions.steps("outbound").stream()
                .filter(step -> AsteriskConf.matches(step.extension(), "911987654321")
                        || AsteriskConf.matches(step.extension(), "9+5511987654321"))
                .toList();

        assertThat(external).filteredOn(step -> step.application().startsWith("Dial("))
                .isNotEmpty()
                .allSatisfy(step -> assertThat(step.application()).contains("@trunk)"));
        assertThat(pjsip.pjsipObject("trunk", "endpoint")).isPresent();
        assertThat(pjsip.pjsipObject("trunk", "aor")).isPresent();
    }

    @Test
    void everyQueueNamedInTheDecisionsExistsInAsterisk() {
        Set<String> dmnQueues = new java.util.HashSet<>(SettingsDmn.queueRows(stack.read("dmn/dial-policy.dmn")).keySet());
        dmnQueues.addAll(SettingsDmn.queueRows(stack.read("dmn/abandoned-call-rules.dmn")).keySet());

        assertThat(dmnQueues).contains("support", "sales", "billing");
        assertThat(queues.names()).containsAll(dmnQueues);
    }

    @Test
    void everyQueueHasMembersThatArePhonesOfPjsip() {
        SoftAssertions soft = new SoftAssertions();
        for (String queue : queues.names()) {
            List<String> members = queues.sections(queue).stream()
                    .flatMap(s -> AsteriskConf.values(s, "member").stream()).toList();
            soft.assertThat(members).as(queue).isNotEmpty();
            for (String member : members) {
                String[] fields = member.split(",");
                soft.assertThat(fields[0]).as(member).startsWith("PJSIP/");
                String endpoint = fields[0].substring("PJSIP/".length());
                soft.assertThat(pjsip.pjsipObject(endpoint, "endpoint")).as("endpoint %s of %s", endpoint, queue).isPresent();
                soft.assertThat(pjsip.pjsipObject(endpoint, "aor")).as("aor %s of %s", endpoint, queue).isPresent();
                soft.assertThat(pjsip.pjsipObject(endpoint, "auth")).as("auth %s of %s", endpoint, queue).isPresent();
            }
        }
        soft.assertAll();
    }

    @Test
    void everySipEndpointLandsInAContextOfTheDialplan() {
        List<String> contexts = extensions.names();
        SoftAssertions soft = new SoftAssertions();
        for (String name : pjsip.names()) {
            pjsip.pjsipObject(name, "endpoint").ifPresent(endpoint ->
                    soft.assertThat(contexts).as("context of %s", name).contains(pjsip.value(endpoint, "context").orElseThrow()));
        }
        for (String context : contexts) {
            for (String included : extensions.includes(context)) {
                soft.assertThat(contexts).as("include of %s", context).contains(included);
            }
        }
        soft.assertAll();
    }

    @Test
    void eachQueueHasALineThatPutsCallersIntoIt() {
        List<String> queueApplications = extensions.names().stream()
                .flatMap(context -> extensions.steps(context).stream())
                .map(Step::application)
                .filter(app -> app.startsWith("Queue("))
                .toList();

        assertThat(queues.names()).allSatisfy(queue -> assertThat(queueApplications)
                .anySatisfy(app -> assertThat(app).matches("Queue\\(" + queue + "[,)].*")));
    }

    @Test
    void theRtpPortRangeIsTheOnePublishedForAsterisk() {
        int start = Integer.parseInt(rtp.value("general", "rtpstart"));
        int end = Integer.parseInt(rtp.value("general", "rtpend"));
        Set<Integer> publishedUdp = stack.ports("asterisk").stream()
                .filter(p -> p.protocol().equals("udp") && p.hostPort() == p.containerPort())
                .map(PublishedPort::containerPort)
                .collect(Collectors.toSet());

        assertThat(end).isGreaterThan(start);
        for (int port = start; port <= end; port++) {
            assertThat(publishedUdp).as("RTP port %d published", port).contains(port);
        }
    }

    @Test
    void theSipTransportsListenOnThePublishedSipPort() {
        Set<String> published = stack.ports("asterisk").stream()
                .map(p -> p.containerPort() + "/" + p.protocol())
                .collect(Collectors.toSet());
        List<Section> transports = pjsip.sections.stream()
                .filter(s -> !s.template() && pjsip.value(s, "type").orElse("").equals("transport"))
                .toList();

        assertThat(transports).isNotEmpty().allSatisfy(transport -> {
            String bind = pjsip.value(transport, "bind").orElseThrow();
            String protocol = pjsip.value(transport, "protocol").orElseThrow();
            assertThat(published).contains(bind.substring(bind.lastIndexOf(':') + 1) + "/" + protocol);
        });
    }

    private static Set<String> classes(String permissions) {
        return Arrays.stream(permissions.split(",")).map(String::strip).collect(Collectors.toSet());
    }

    private static int indexOf(List<String> applications, String prefix) {
        for (int i = 0; i < applications.size(); i++) {
            if (applications.get(i).contains(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
