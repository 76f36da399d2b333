package io.ringback.sandbox;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The models of a run: every shipped BPMN and DMN, with the two settings decisions extended by a first
 * row for the run's queues ({@code starts with(?, "chaos")}): callbacks on, a minimum wait, a short time
 * limit, attempts a few seconds apart, no agent idle time, always open. The other rows stay as shipped.
 * Deployed once by the run; the orchestrators start with {@code camunda.client.deployment.enabled=false}
 * (as when a pipeline deploys the models), so a restart never brings the shipped rows back on top.
 */
final class ChaosModels {

    /** What the run's queues are given by the decisions. */
    record Settings(int minimumWaitSeconds, int timeLimitSeconds, int attempts, int retryIntervalSeconds) {}

    private ChaosModels() {}

    static void deploy(CamundaClient client, Settings settings) {
        try {
            var resolver = new PathMatchingResourcePatternResolver();
            DeployResourceCommandStep1 deploy = client.newDeployResourceCommand();
            DeployResourceCommandStep2 command = null;
            for (String pattern : new String[] {"classpath*:/bpmn/*.bpmn", "classpath*:/dmn/*.dmn"}) {
                for (Resource resource : resolver.getResources(pattern)) {
                    String name = resource.getFilename();
                    String xml = resource.getContentAsString(StandardCharsets.UTF_8);
                    xml = switch (name) {
                        case "abandoned-call-rules.dmn" -> withFirstRule(xml, abandonRule(settings));
                        case "dial-policy.dmn" -> withFirstRule(xml, dialRule(settings));
                        default -> xml;
                    };
                    command = (command == null ? deploy : command).addResourceString(xml, StandardCharsets.UTF_8, name);
                }
            }
            if (command == null) {
                throw new IllegalStateException("no models on the class path (bpmn/, dmn/)");
            }
            command.send().join();
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the models failed", e);
        }
    }

    private static String withFirstRule(String xml, String rule) {
        int at = xml.indexOf("<rule ");
        if (at < 0) {
            throw new IllegalStateException("a decision table without rules");
        }
        return xml.substring(0, at) + rule + "\n      " + xml.substring(at);
    }

    private static String abandonRule(Settings s) {
        return """
                <rule id="Rule_Chaos">
                        <description>chaos run: callbacks on</description>
                        <inputEntry id="Rule_Chaos_In_0"><text>starts with(?, "chaos")</text></inputEntry>
                        <outputEntry id="Rule_Chaos_Out_0"><text>true</text></outputEntry>
                        <outputEntry id="Rule_Chaos_Out_1"><text>%d</text></outputEntry>
                      </rule>""".formatted(s.minimumWaitSeconds());
    }

    private static String dialRule(Settings s) {
        return """
                <rule id="Rule_Chaos">
                        <description>chaos run: short time limit, attempts a few seconds apart, always open</description>
                        <inputEntry id="Rule_Chaos_In_0"><text>"ABANDONED_CALL"</text></inputEntry>
                        <inputEntry id="Rule_Chaos_In_1"><text>starts with(?, "chaos")</text></inputEntry>
                        <outputEntry id="Rule_Chaos_Out_0"><text>%d</text></outputEntry>
                        <outputEntry id="Rule_Chaos_Out_1"><text>0</text></outputEntry>
                        <outputEntry id="Rule_Chaos_Out_2"><text>%d</text></outputEntry>
                        <outputEntry id="Rule_Chaos_Out_3"><text>%d</text></outputEntry>
                        <outputEntry id="Rule_Chaos_Out_4"><text>""</text></outputEntry>
                        <outputEntry id="Rule_Chaos_Out_5"><text>"custom/callback"</text></outputEntry>
                        <outputEntry id="Rule_Chaos_Out_6"><text>"always"</text></outputEntry>
                        <outputEntry id="Rule_Chaos_Out_7"><text>"UTC"</text></outputEntry>
                        <outputEntry id="Rule_Chaos_Out_8"><text>true</text></outputEntry>
                      </rule>""".formatted(s.timeLimitSeconds(), s.attempts(), s.retryIntervalSeconds());
    }
}
