package io.ringback.sandbox;

import io.camunda.client.CamundaClient;

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
        Models.shipped()
                .withFirstRules("abandoned-call-rules.dmn", abandonRule(settings))
                .withFirstRules("dial-policy.dmn", dialRule(settings))
                .deploy(client);
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
