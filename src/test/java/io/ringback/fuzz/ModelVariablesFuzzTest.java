package io.ringback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.command.ClientStatusException;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.ringback.callback.Callback;
import io.ringback.callback.CallbackStatus;
import io.ringback.it.RingbackIntegrationTest;
import io.ringback.process.CallbackProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Hostile input, proven harmless, from the models, through the running application (engine, workers,
 * PostgreSQL, simulated Asterisk):
 *
 * <ul>
 *   <li>what an analyst can type in a cell of {@code dial-policy} or {@code abandoned-call-rules} — a string
 *       where a number belongs, a negative interval, a fraction of an attempt, a number too big for its field,
 *       a list, an empty or unknown time condition, a time zone that is not one, a prefix with a line break,
 *       a sound name that chains an application. The test deploys the decision with one generated row per
 *       case (a queue of its own) and abandons a call in each queue;
 *   <li>what a BPMN expression of a calling process can hand {@code call-customer} in {@code dialPolicy} — an
 *       empty, missing or hostile target queue, a deadline that is not an instant, a negative interval, an
 *       unknown time condition, a policy that is not a context. The test starts {@code call-customer} with it.
 * </ul>
 *
 * <p>Each case must become a named incident (its message names the output or the field) or a recorded end
 * (the callback's end with its reason, or {@code call-customer}'s result); never a stuck instance, and never
 * a retry storm: an incident comes from one failed job, not from retries used up against input that cannot
 * change. A cell that is not FEEL at all is refused when the decision is deployed; the test says so. Seeded
 * ({@code -Dringback.fuzz.seed}); prints every case and what became of it.
 */
class ModelVariablesFuzzTest extends RingbackIntegrationTest {

    static final long SEED = Long.getLong("ringback.fuzz.seed", 20_261_121L);
    static final Duration SETTLE = Duration.ofSeconds(Long.getLong("ringback.fuzz.models.settle-seconds", 60));

    /** A dial-policy or abandoned-call-rules output and the FEEL a valid row has in it. */
    record Column(String decision, String name, String type, String valid) {}

    static final List<Column> DIAL_POLICY = List.of(
            new Column("dial-policy", "timeLimitSeconds", "number", "600"),
            new Column("dial-policy", "agentIdleSeconds", "number", "0"),
            new Column("dial-policy", "maxAttempts", "number", "1"),
            new Column("dial-policy", "retryIntervalSeconds", "number", "2"),
            new Column("dial-policy", "dialPrefix", "string", "\"9\""),
            new Column("dial-policy", "callbackMessage", "string", "\"custom/callback\""),
            new Column("dial-policy", "timeCondition", "string", "\"always\""),
            new Column("dial-policy", "timeZone", "string", "\"UTC\""),
            new Column("dial-policy", "retryAbandonedAfterAnswer", "boolean", "true"),
            new Column("dial-policy", "ownerWaitSeconds", "number", "0"));
    static final List<Column> ABANDON_RULES = List.of(
            new Column("abandoned-call-rules", "enabled", "boolean", "true"),
            new Column("abandoned-call-rules", "minimumWaitSeconds", "number", "0"),
            new Column("abandoned-call-rules", "ownerIsLastAgent", "boolean", "false"));

    /** What an analyst may type in a cell (FEEL), by the output's type. Line breaks are real characters in the cell. */
    static final Map<String, List<String>> HOSTILE = Map.of(
            "number", List.of("\"three\"", "\"600\"", "-1", "-0.5", "2.5", "null", "\"\"", "[1, 2]", "{seconds: 5}",
                    "true", "99999999999999999999", "1e300", "date(\"2026-12-01\")"),
            "string", List.of("\"\"", "null", "42", "\"9\r\nAction: Originate\"", "\"custom/x&y\"", "\"${EXTEN}\"",
                    "\" \"", "[\"a\"]", "\"" + "a".repeat(300) + "\"", "\"no-such-condition\"", "\"Mars/Olympus\"",
                    "\"../../etc/passwd\"", "\"\u0000\"", "\"support\u202Eevil\""),
            "boolean", List.of("\"yes\"", "1", "null", "\"true\"", "[true]", "\"false\""));

    /** One hostile thing and where it went; {@code settled} is filled in once it became an incident or an end. */
    static final class Case {
        final String what;
        final String names; // what the incident must name
        String queue;
        String number;
        UUID callbackId;
        long instanceKey = -1; // for call-customer cases
        String outcome;

        Case(String what, String names) {
            this.what = what;
            this.names = names;
        }

        @Override
        public String toString() {
            return what.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0").replace("\u202E", "\\u202E");
        }
    }

    // ------------------------------------------------------------------ decision cells

    @Test
    void whateverAnAnalystTypesInADecisionCellBecomesANamedIncidentOrARecordedEndNeverAStuckInstance() throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        String run = UUID.randomUUID().toString().substring(0, 6);
        Map<Column, List<Case>> byColumn = new LinkedHashMap<>();
        List<Case> cases = new ArrayList<>();
        for (Column column : concat(DIAL_POLICY, ABANDON_RULES)) {
            List<String> cells = new ArrayList<>(HOSTILE.get(column.type()));
            // every value of its type for the numbers analysts set most; a seeded two thirds for the others
            int take = column.type().equals("number") ? cells.size() : (cells.size() * 2 + 2) / 3;
            Collections.shuffle(cells, new Random(random.nextLong()));
            for (String cell : cells.subList(0, take)) {
                Case c = new Case(column.decision() + "." + column.name() + " = " + cell, column.name());
                c.queue = "it-fast-model-" + run + "-" + cases.size();
                c.number = newNumber();
                byColumn.computeIfAbsent(column, k -> new ArrayList<>()).add(c);
                cases.add(c);
            }
        }
        Map<Case, Column> columnOf = new HashMap<>();
        Map<Case, String> cellOf = new HashMap<>();
        byColumn.forEach((column, list) -> list.forEach(c -> {
            columnOf.put(c, column);
            cellOf.put(c, c.what.substring(c.what.indexOf(" = ") + 3));
        }));
        List<Case> refused = new ArrayList<>();
        refused.addAll(deploy("models/dial-policy-it.dmn", cases.stream()
                .filter(c -> columnOf.get(c).decision().equals("dial-policy")).toList(), DIAL_POLICY, columnOf, cellOf));
        refused.addAll(deploy("models/abandoned-call-rules-it.dmn", cases.stream()
                .filter(c -> columnOf.get(c).decision().equals("abandoned-call-rules")).toList(), ABANDON_RULES, columnOf,
                cellOf));
        List<Case> running = cases.stream().filter(c -> !refused.contains(c)).toList();

        long started = System.nanoTime();
        for (Case c : running) {
            asterisk.addMember(c.queue, "Local/" + c.queue + "-agent@agents", "Agent of " + c.queue);
            asterisk.abandon(c.queue, c.number, "Model Fuzz", 40);
        }
        for (Case c : running) {
            c.callbackId = awaitCallback(c.queue, c.number).id();
        }
        List<String> failures = settleAll(running);
        report("decision cells", cases, started, failures);
        assertThat(failures).as("decision cells that did not end in a named incident or a recorded end").isEmpty();
    }

    // ------------------------------------------------------------------ what a calling model hands call-customer

    @Test
    void whateverACallingModelHandsCallCustomerBecomesANamedIncidentOrItsResultNeverAStuckInstance() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String queue = queueWithAgent("it-fast-callmodel-" + run);
        Instant soon = Instant.now().plus(Duration.ofMinutes(10));
        List<Case> cases = new ArrayList<>();
        Map<Case, Object> policies = new HashMap<>();
        Function<Map<String, Object>, Map<String, Object>> base = changes -> {
            Map<String, Object> policy = new HashMap<>(Map.of("timeLimitSeconds", 600, "agentIdleSeconds", 0,
                    "maxAttempts", 1, "retryIntervalSeconds", 2, "dialPrefix", "9", "callbackMessage", "custom/callback",
                    "timeCondition", "always", "timeZone", "UTC", "retryAbandonedAfterAnswer", true,
                    "deadline", soon.toString()));
            policy.put("target", Map.of("queue", queue));
            changes.forEach((k, v) -> {
                if (v == REMOVE) {
                    policy.remove(k);
                } else {
                    policy.put(k, v);
                }
            });
            return policy;
        };
        record Hostile(String what, String names, Object policy) {}
        List<Hostile> hostile = new ArrayList<>(List.of(
                new Hostile("target = {queue: \"\"} (an empty queue)", "target.queue", base.apply(Map.of("target", Map.of("queue", "")))),
                new Hostile("target = {queue: null}", "target.queue", base.apply(Map.of("target", Map.of()))),
                new Hostile("target missing", "target", base.apply(Map.of("target", REMOVE))),
                new Hostile("target = \"support\" (not a context)", "target", base.apply(Map.of("target", "support"))),
                new Hostile("target.queue = \"support\\r\\nAction: Originate\"", "target.queue",
                        base.apply(Map.of("target", Map.of("queue", "support\r\nAction: Originate")))),
                new Hostile("target.queue = \"../../etc/passwd\"", "target.queue",
                        base.apply(Map.of("target", Map.of("queue", "../../etc/passwd")))),
                new Hostile("target.group = \"VIP Team!\"", "target.group",
                        base.apply(Map.of("target", Map.of("queue", queue, "group", "VIP Team!")))),
                new Hostile("target.agent = \"'; drop table agent; --\"", "target.agent",
                        base.apply(Map.of("target", Map.of("queue", queue, "agent", "'; drop table agent; --")))),
                new Hostile("deadline = \"tomorrow\"", "deadline", base.apply(Map.of("deadline", "tomorrow"))),
                new Hostile("deadline missing", "deadline", base.apply(Map.of("deadline", REMOVE))),
                new Hostile("deadline = 42", "deadline", base.apply(Map.of("deadline", 42))),
                new Hostile("deadline in the past (a recorded end)", "EXPIRED",
                        base.apply(Map.of("deadline", Instant.now().minusSeconds(3_600).toString()))),
                new Hostile("retryIntervalSeconds = -1 (a negative interval)", "retryIntervalSeconds",
                        base.apply(Map.of("retryIntervalSeconds", -1))),
                new Hostile("retryIntervalSeconds = \"three\"", "retryIntervalSeconds",
                        base.apply(Map.of("retryIntervalSeconds", "three"))),
                new Hostile("maxAttempts = 0", "maxAttempts", base.apply(Map.of("maxAttempts", 0))),
                new Hostile("maxAttempts = [1, 2]", "maxAttempts", base.apply(Map.of("maxAttempts", List.of(1, 2)))),
                new Hostile("agentIdleSeconds = 99999999999", "agentIdleSeconds",
                        base.apply(Map.of("agentIdleSeconds", 99_999_999_999L))),
                new Hostile("timeCondition = \"no-such-condition\" (an unknown time condition)", "no-such-condition",
                        base.apply(Map.of("timeCondition", "no-such-condition"))),
                new Hostile("timeCondition = \"\"", "timeCondition", base.apply(Map.of("timeCondition", ""))),
                new Hostile("timeZone = \"Mars/Olympus\"", "timeZone", base.apply(Map.of("timeZone", "Mars/Olympus"))),
                new Hostile("dialPrefix = \"9\\r\\nAction: Originate\"", "dialPrefix",
                        base.apply(Map.of("dialPrefix", "9\r\nAction: Originate"))),
                new Hostile("callbackMessage = \"custom/x&Dial(PJSIP/666)\"", "callbackMessage",
                        base.apply(Map.of("callbackMessage", "custom/x&Dial(PJSIP/666)"))),
                new Hostile("dialPolicy = \"fast\" (not a context)", "dialPolicy", "fast"),
                new Hostile("dialPolicy missing", "dialPolicy", REMOVE)));
        for (Hostile h : hostile) {
            Case c = new Case("call-customer dialPolicy: " + h.what(), h.names());
            c.number = newNumber();
            c.callbackId = storedCallback(queue, c.number);
            policies.put(c, h.policy());
            cases.add(c);
        }
        long started = System.nanoTime();
        for (Case c : cases) {
            Map<String, Object> variables = new HashMap<>(Map.of("callbackId", c.callbackId.toString(),
                    "callerMasked", "+55*******0000~fuzz"));
            if (policies.get(c) != REMOVE) {
                variables.put("dialPolicy", policies.get(c));
            }
            c.instanceKey = camunda.newCreateInstanceCommand().bpmnProcessId(CallbackProcess.CALL_CUSTOMER_PROCESS_ID)
                    .latestVersion().variables(variables).send().join().getProcessInstanceKey();
        }
        List<String> failures = settleAll(cases);
        report("call-customer inputs", cases, started, failures);
        assertThat(failures).as("inputs of call-customer that did not end in a named incident or its result").isEmpty();
    }

    private static final Object REMOVE = new Object() {
        @Override
        public String toString() {
            return "(removed)";
        }
    };

    // ------------------------------------------------------------------ settling

    /**
     * Waits, reading the engine's records once per round for all cases, until every case is an incident or
     * an end, or {@link #SETTLE} has passed; then says what is wrong with each.
     */
    private List<String> settleAll(List<Case> cases) {
        Instant until = Instant.now().plus(SETTLE);
        Records records;
        while (true) {
            records = Records.read(this);
            boolean all = true;
            for (Case c : cases) {
                if (c.outcome == null) {
                    c.outcome = settled(c, records);
                    all &= c.outcome != null;
                }
            }
            if (all || Instant.now().isAfter(until)) {
                break;
            }
            sleep(500);
        }
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            if (c.outcome == null) {
                c.outcome = "STUCK: " + (c.callbackId == null ? "?" : callbacks.find(c.callbackId).map(Callback::status).orElse(null));
                failures.add(c + ": no incident and no end within " + SETTLE.toSeconds() + " s (" + c.outcome + ")");
                continue;
            }
            if (c.outcome.startsWith("incident")) {
                if (!c.outcome.contains(c.names)) {
                    failures.add(c + ": the incident does not name " + c.names + ": " + c.outcome);
                }
                int failed = records.failedJobs(keysOf(c, records));
                if (failed > 1) {
                    failures.add(c + ": " + failed + " failed jobs before the incident (retried against input that cannot change)");
                }
            } else if (c.instanceKey >= 0 && !c.outcome.contains(c.names)) {
                failures.add(c + ": call-customer ended, but not as expected (" + c.names + "): " + c.outcome);
            }
        }
        return failures;
    }

    private static Set<Long> keysOf(Case c, Records records) {
        return c.instanceKey >= 0 ? Set.of(c.instanceKey) : records.instancesOf(c.callbackId);
    }

    /** An incident (where and why) or the end, once there is one; null while the case is still running. */
    private String settled(Case c, Records records) {
        Set<Long> keys = keysOf(c, records);
        var incident = records.incidents.entrySet().stream().filter(e -> keys.contains(e.getKey())).findFirst();
        if (incident.isPresent()) {
            return "incident at " + incident.get().getValue()[0] + ": " + incident.get().getValue()[1];
        }
        if (c.instanceKey >= 0) {
            return records.completed.contains(c.instanceKey)
                    ? "call-customer ended: callResult " + variableOf(c.instanceKey, "callResult").orElse("?") : null;
        }
        Callback callback = callbacks.find(c.callbackId).orElseThrow();
        if (Set.of(CallbackStatus.RECEIVED, CallbackStatus.PENDING).contains(callback.status())) {
            return null;
        }
        return "ended " + callback.status() + (callback.endReason() == null ? "" : ": " + callback.endReason());
    }

    /** What the engine has recorded, read once: incidents and completed processes by instance, callbacks' instances, failed jobs. */
    record Records(Map<Long, String[]> incidents, Set<Long> completed, Map<String, Set<Long>> instancesByCallback,
                   Map<Long, Integer> failedByInstance) {

        static Records read(ModelVariablesFuzzTest test) {
            var stream = RecordStream.of(test.engine.getRecordStreamSource());
            Map<Long, String[]> incidents = new HashMap<>();
            StreamSupport.stream(stream.incidentRecords().spliterator(), false)
                    .filter(r -> r.getIntent() == IncidentIntent.CREATED).map(Record::getValue)
                    .forEach(v -> incidents.putIfAbsent(v.getProcessInstanceKey(),
                            new String[] {v.getElementId(), v.getErrorMessage()}));
            Set<Long> completed = new java.util.HashSet<>();
            StreamSupport.stream(stream.processInstanceRecords().spliterator(), false)
                    .filter(r -> r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED
                            && r.getValue().getBpmnElementType() == BpmnElementType.PROCESS)
                    .forEach(r -> completed.add(r.getValue().getProcessInstanceKey()));
            Map<String, Set<Long>> instances = new HashMap<>();
            StreamSupport.stream(stream.variableRecords().spliterator(), false).map(Record::getValue)
                    .filter(v -> v.getName().equals("callbackId"))
                    .forEach(v -> instances.computeIfAbsent(v.getValue(), k -> new java.util.HashSet<>())
                            .add(v.getProcessInstanceKey()));
            Map<Long, Integer> failed = new HashMap<>();
            StreamSupport.stream(stream.jobRecords().spliterator(), false).filter(r -> r.getIntent() == JobIntent.FAILED)
                    .forEach(r -> failed.merge(r.getValue().getProcessInstanceKey(), 1, Integer::sum));
            return new Records(incidents, completed, instances, failed);
        }

        Set<Long> instancesOf(UUID callbackId) {
            return instancesByCallback.getOrDefault("\"" + callbackId + "\"", Set.of());
        }

        int failedJobs(Set<Long> keys) {
            return keys.stream().mapToInt(k -> failedByInstance.getOrDefault(k, 0)).sum();
        }
    }

    private void report(String what, List<Case> cases, long started, List<String> failures) {
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        Map<String, Integer> kinds = new java.util.TreeMap<>();
        cases.forEach(c -> kinds.merge(kind(c.outcome), 1, Integer::sum));
        System.out.printf("Model variables fuzz (seed %d): %d %s in %d ms: %s; %d failed%n", SEED, cases.size(), what, millis,
                kinds, failures.size());
        cases.forEach(c -> System.out.printf("  %-72s -> %s%n", abbreviate(c.toString(), 72),
                abbreviate(String.valueOf(c.outcome), 220)));
    }

    /** What became of a case, in a word or three: {@code incident at Task_RegisterCallback}, {@code ended EXPIRED}. */
    private static String kind(String outcome) {
        if (outcome == null) {
            return "?";
        }
        if (outcome.startsWith("incident at ") || outcome.startsWith("ended ")) {
            return outcome.split("[: ]")[0] + " " + outcome.split("[: ]")[outcome.startsWith("ended ") ? 1 : 2];
        }
        if (outcome.startsWith("call-customer ended")) {
            return "call-customer result " + outcome.replaceFirst(".*callResult ", "").replace("\"", "");
        }
        return outcome.replaceFirst(":.*", "");
    }

    private static String abbreviate(String s, int max) {
        String line = s.replace("\n", " ");
        return line.length() > max ? line.substring(0, max) + "…" : line;
    }

    // ------------------------------------------------------------------ the decisions with the cases' rows

    /**
     * Deploys the test decision with one row per case on top. A cell that is not FEEL at all is refused by
     * the engine at deployment (it never reaches a worker): its cases are taken out, their outcome is the
     * engine's words, and the others are deployed. Returns the refused cases.
     */
    private List<Case> deploy(String resource, List<Case> cases, List<Column> columns, Map<Case, Column> columnOf,
                              Map<Case, String> cellOf) throws IOException {
        List<Case> remaining = new ArrayList<>(cases);
        List<Case> refused = new ArrayList<>();
        while (true) {
            try {
                camunda.newDeployResourceCommand().addResourceStringUtf8(withRows(resource, remaining, columns, columnOf,
                        cellOf), resource.replace(".dmn", "-fuzz.dmn")).send().join();
                return refused;
            } catch (ClientStatusException e) {
                String message = String.valueOf(e.getMessage());
                List<Case> bad = remaining.stream().filter(c -> message.contains("'" + feel(cellOf.get(c)) + "'")).toList();
                if (bad.isEmpty()) {
                    throw e;
                }
                int at = message.indexOf("FEEL expression");
                String why = (at >= 0 ? message.substring(at) : message).lines().findFirst().orElse(message);
                bad.forEach(c -> c.outcome = "refused at deployment: " + why);
                remaining.removeAll(bad);
                refused.addAll(bad);
            }
        }
    }

    /** The test decision with one row per case on top (hit policy FIRST): the case's queue gets its hostile cell. */
    private String withRows(String resource, List<Case> cases, List<Column> columns, Map<Case, Column> columnOf,
                            Map<Case, String> cellOf) throws IOException {
        String xml;
        try (var in = getClass().getClassLoader().getResourceAsStream(resource)) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        boolean byOrigin = columns == DIAL_POLICY;
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            rows.append("      <rule id=\"Rule_Fuzz_").append(i).append("\">\n");
            if (byOrigin) {
                rows.append("        <inputEntry id=\"Rule_Fuzz_").append(i).append("_In_O\"><text>-</text></inputEntry>\n");
            }
            rows.append("        <inputEntry id=\"Rule_Fuzz_").append(i).append("_In_Q\"><text>&quot;").append(c.queue)
                    .append("&quot;</text></inputEntry>\n");
            for (int k = 0; k < columns.size(); k++) {
                Column column = columns.get(k);
                String cell = column.equals(columnOf.get(c)) ? cellOf.get(c) : column.valid();
                rows.append("        <outputEntry id=\"Rule_Fuzz_").append(i).append("_Out_").append(k).append("\"><text>")
                        .append(xmlText(feel(cell))).append("</text></outputEntry>\n");
            }
            rows.append("      </rule>\n");
        }
        int at = xml.indexOf("      <rule id=\"Rule_0\">");
        assertThat(at).as("the first row of " + resource).isPositive();
        return xml.substring(0, at) + rows + xml.substring(at);
    }

    /** The cell as FEEL text: XML cannot hold a NUL, so it is FEEL's escape of it. */
    private static String feel(String cell) {
        return cell.replace("\u0000", "\\u0000");
    }

    private static String xmlText(String feel) {
        StringBuilder s = new StringBuilder();
        for (char ch : feel.toCharArray()) {
            switch (ch) {
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '\r' -> s.append("&#13;");
                case '\n' -> s.append("&#10;");
                default -> s.append(ch);
            }
        }
        return s.toString();
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<T> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
