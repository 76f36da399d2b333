package io.ringback.bench;

import io.ringback.sandbox.Models;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The models of the benchmark: the shipped ones with rows for its queues on top, a closed time condition
 * that opens 12 hours from now, and the one-service-task process of the baseline.
 *
 * <table>
 *   <caption>The benchmark's queues</caption>
 *   <tr><th>queue</th><th>what</th></tr>
 *   <tr><td>{@code bench-off}</td><td>callbacks off: the shortest path (intake, rules, end)</td></tr>
 *   <tr><td>{@code bench-full}</td><td>the whole path: one attempt, no idle time, always open</td></tr>
 *   <tr><td>{@code bench-idle}</td><td>agents must be idle 2 s</td></tr>
 *   <tr><td>{@code bench-wait}</td><td>a day's time limit (callbacks wait for an agent)</td></tr>
 *   <tr><td>{@code bench-night}</td><td>a day's time limit, time condition {@code bench-night}: closed for 12 h</td></tr>
 *   <tr><td>{@code bench-noagent}</td><td>a day's time limit, always open (waits for an agent)</td></tr>
 *   <tr><td>{@code bench-now}</td><td>dials at once: the baseline of the records</td></tr>
 * </table>
 */
final class BenchModels {

    static final String BARE_PROCESS = "bench-bare";
    static final String BARE_JOB = "bench-noop";
    static final int IDLE_SECONDS = 2;

    private BenchModels() {}

    static Models models(ZonedDateTime now) {
        return Models.shipped()
                .withFirstRules("abandoned-call-rules.dmn", """
                        <rule id="Rule_BenchOff">
                                <description>benchmark: callbacks off</description>
                                <inputEntry id="Rule_BenchOff_In_0"><text>starts with(?, "bench-off")</text></inputEntry>
                                <outputEntry id="Rule_BenchOff_Out_0"><text>false</text></outputEntry>
                                <outputEntry id="Rule_BenchOff_Out_1"><text>0</text></outputEntry>
                              </rule>
                              <rule id="Rule_Bench">
                                <description>benchmark: callbacks on, no minimum wait</description>
                                <inputEntry id="Rule_Bench_In_0"><text>starts with(?, "bench")</text></inputEntry>
                                <outputEntry id="Rule_Bench_Out_0"><text>true</text></outputEntry>
                                <outputEntry id="Rule_Bench_Out_1"><text>0</text></outputEntry>
                              </rule>""")
                .withFirstRules("dial-policy.dmn", dialRule("Full", "bench-full", 600, 0, "always")
                        + dialRule("Idle", "bench-idle", 600, IDLE_SECONDS, "always")
                        + dialRule("Wait", "bench-wait", 86_400, 0, "always")
                        + dialRule("Night", "bench-night", 86_400, 0, "bench-night")
                        + dialRule("NoAgent", "bench-noagent", 86_400, 0, "always")
                        + dialRule("Now", "bench-now", 600, 0, "always"))
                .withFirstRules("callback-time-condition.dmn", nightRules(now))
                .with(BARE_PROCESS + ".bpmn", BARE_BPMN);
    }

    private static String dialRule(String id, String queue, int timeLimit, int idle, String timeCondition) {
        return """
                <rule id="Rule_Bench%1$s">
                        <description>benchmark queue %2$s</description>
                        <inputEntry id="Rule_Bench%1$s_In_0"><text>"ABANDONED_CALL"</text></inputEntry>
                        <inputEntry id="Rule_Bench%1$s_In_1"><text>"%2$s"</text></inputEntry>
                        <outputEntry id="Rule_Bench%1$s_Out_0"><text>%3$d</text></outputEntry>
                        <outputEntry id="Rule_Bench%1$s_Out_1"><text>%4$d</text></outputEntry>
                        <outputEntry id="Rule_Bench%1$s_Out_2"><text>1</text></outputEntry>
                        <outputEntry id="Rule_Bench%1$s_Out_3"><text>5</text></outputEntry>
                        <outputEntry id="Rule_Bench%1$s_Out_4"><text>""</text></outputEntry>
                        <outputEntry id="Rule_Bench%1$s_Out_5"><text>""</text></outputEntry>
                        <outputEntry id="Rule_Bench%1$s_Out_6"><text>"%5$s"</text></outputEntry>
                        <outputEntry id="Rule_Bench%1$s_Out_7"><text>"UTC"</text></outputEntry>
                        <outputEntry id="Rule_Bench%1$s_Out_8"><text>false</text></outputEntry>
                      </rule>
                """.formatted(id, queue, timeLimit, idle, timeCondition);
    }

    /** Open for 30 minutes from 12 hours after {@code now} (UTC), closed otherwise. */
    static String nightRules(ZonedDateTime now) {
        LocalTime open = now.withZoneSameInstant(ZoneOffset.UTC).plusHours(12).toLocalTime().truncatedTo(ChronoUnit.MINUTES)
                .plusMinutes(1);
        LocalTime close = open.plusMinutes(30).isBefore(open) ? LocalTime.of(23, 59, 59) : open.plusMinutes(30);
        return """
                <rule id="Rule_BenchNightOpen">
                        <description>benchmark: open 12 hours from the start of the run</description>
                        <inputEntry id="Rule_BenchNightOpen_In_0"><text>"bench-night"</text></inputEntry>
                        <inputEntry id="Rule_BenchNightOpen_In_1"><text>-</text></inputEntry>
                        <inputEntry id="Rule_BenchNightOpen_In_2"><text>-</text></inputEntry>
                        <inputEntry id="Rule_BenchNightOpen_In_3"><text>[time("%s")..time("%s")[</text></inputEntry>
                        <outputEntry id="Rule_BenchNightOpen_Out_0"><text>true</text></outputEntry>
                        <outputEntry id="Rule_BenchNightOpen_Out_1"><text>"Benchmark opening"</text></outputEntry>
                      </rule>
                      <rule id="Rule_BenchNightClosed">
                        <description>benchmark: closed otherwise</description>
                        <inputEntry id="Rule_BenchNightClosed_In_0"><text>"bench-night"</text></inputEntry>
                        <inputEntry id="Rule_BenchNightClosed_In_1"><text>-</text></inputEntry>
                        <inputEntry id="Rule_BenchNightClosed_In_2"><text>-</text></inputEntry>
                        <inputEntry id="Rule_BenchNightClosed_In_3"><text>-</text></inputEntry>
                        <outputEntry id="Rule_BenchNightClosed_Out_0"><text>false</text></outputEntry>
                        <outputEntry id="Rule_BenchNightClosed_Out_1"><text>"Benchmark night"</text></outputEntry>
                      </rule>""".formatted(open, close);
    }

    /** The baseline: start, one service task, end. */
    static final String BARE_BPMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_BenchBare" \
            targetNamespace="http://ringback.io/bench">
              <bpmn:process id="bench-bare" name="Benchmark baseline" isExecutable="true">
                <bpmn:startEvent id="StartEvent_Bare"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
                <bpmn:serviceTask id="Task_Noop" name="Do nothing">
                  <bpmn:extensionElements><zeebe:taskDefinition type="bench-noop" /></bpmn:extensionElements>
                  <bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing>
                </bpmn:serviceTask>
                <bpmn:endEvent id="EndEvent_Bare"><bpmn:incoming>Flow_2</bpmn:incoming></bpmn:endEvent>
                <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Bare" targetRef="Task_Noop" />
                <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Noop" targetRef="EndEvent_Bare" />
              </bpmn:process>
            </bpmn:definitions>
            """;
}
