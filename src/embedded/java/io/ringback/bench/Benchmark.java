package io.ringback.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRelated;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import io.ringback.sandbox.Models;
import io.ringback.sandbox.OrchestratorProcess;
import io.ringback.sandbox.Sandbox;
import io.ringback.sandbox.SandboxOptions;
import io.ringback.simulator.CustomerBehaviour;
import io.ringback.simulator.OriginateRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The benchmark of issue 10 ({@code bench/run.sh}): on the embedded engine of this machine, in one run,
 * one line per figure, {@code figure <name> <value> <unit>}, every figure measured in the same run as
 * its baseline. The orchestrator runs as a JVM of its own with the production class path against a
 * {@link Sandbox} (as in production, so that its heap is its own); the embedded mode is started once
 * for {@code ready_s}. docs/performance.md says what each figure measures and keeps the latest ones.
 */
public final class Benchmark {

    private static final Logger log = LoggerFactory.getLogger(Benchmark.class);
    private static final String PASSWORD = "bench";
    private static final String AMI_SOURCE = "ami:127.0.0.1";

    /** How long and how much; {@link #quick()} for a try-out. */
    record Plan(Duration bareTime, int intakeRate, Duration intakeTime, int idleSamples, int fullPathCallbacks,
                int fullPathRate, int pending, Path directory, Set<String> parts) {

        static final Set<String> ALL = Set.of("ready", "records", "intake", "idle", "full", "heap");

        static Plan full(Path directory) {
            return new Plan(Duration.ofSeconds(20), 50, Duration.ofSeconds(60), 20, 3_000, 150, 10_000, directory, ALL);
        }

        Plan quick() {
            return new Plan(Duration.ofSeconds(5), 50, Duration.ofSeconds(10), 5, 300, 150, 500, directory, parts);
        }

        /** Another intake rate (an experiment: the figure's name keeps "at_50_per_s" only at 50/s). */
        Plan intakeAt(int rate) {
            return new Plan(bareTime, rate, intakeTime, idleSamples, fullPathCallbacks, fullPathRate, pending,
                    directory, parts);
        }

        Plan only(Set<String> only) {
            return new Plan(bareTime, intakeRate, intakeTime, idleSamples, fullPathCallbacks, fullPathRate, pending,
                    directory, only);
        }

        boolean has(String part) {
            return parts.contains(part);
        }
    }

    /** One figure; the table at the end names its baseline and target. */
    record Figure(String name, double value, String unit, String baseline, String target, Boolean met) {}

    /** Instances in flight in the baseline's closed loop, and callbacks in flight in the full path. */
    private static final int IN_FLIGHT = 16;

    private final Plan plan;
    /** Orchestrator properties given with {@code --set=name=value} (an experiment, not the benchmark's own figures). */
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final List<Figure> figures = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Benchmark(Plan plan) {
        this.plan = plan;
    }

    private void figure(String name, double value, String unit, String baseline, String target, Boolean met) {
        Figure figure = new Figure(name, value, unit, baseline, target, met);
        figures.add(figure);
        System.out.println("figure " + name + " " + format(value) + " " + unit);
        System.out.flush();
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e12 ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    void run() throws Exception {
        Files.createDirectories(plan.directory());
        Instant started = Instant.now();
        if (plan.has("ready")) {
            readyOfTheEmbeddedMode();
        }
        if (plan.has("records")) {
            try (Sandbox sandbox = new Sandbox(options("records")).start()) {
                records(sandbox);
            }
        }
        try (Sandbox sandbox = new Sandbox(options("main")).start()) {
            try (CamundaClient client = Models.client(sandbox)) {
                BenchModels.models(ZonedDateTime.now()).deploy(client);
                bare(client, sandbox.engine());
            }
            OrchestratorProcess orchestrator = orchestrator(sandbox, "main");
            try {
                if (plan.has("idle")) {
                    idleToOriginate(sandbox);
                }
                if (plan.has("full")) {
                    fullPath(sandbox, orchestrator);
                }
                if (plan.has("heap")) {
                    heap(sandbox, orchestrator);
                }
            } finally {
                orchestrator.kill9();
            }
        }
        // last, on an engine of its own: a backlog the intake leaves must not slow down the other figures
        if (plan.has("intake")) {
            System.gc(); // and on a clean heap: the engines before kept every record of theirs in this JVM's memory
            try (Sandbox sandbox = new Sandbox(options("intake")).start()) {
                try (CamundaClient client = Models.client(sandbox)) {
                    BenchModels.models(ZonedDateTime.now()).deploy(client);
                }
                OrchestratorProcess orchestrator = orchestrator(sandbox, "intake");
                try {
                    intake(sandbox, orchestrator);
                } finally {
                    orchestrator.kill9();
                }
            }
        }
        System.out.println();
        System.out.println("# figure | value | unit | baseline (same run) | target | met");
        for (Figure f : figures) {
            System.out.printf(Locale.ROOT, "# %s | %s | %s | %s | %s | %s%n", f.name(), format(f.value()), f.unit(),
                    f.baseline() == null ? "" : f.baseline(), f.target() == null ? "" : f.target(),
                    f.met() == null ? "" : f.met() ? "yes" : "NO");
        }
        System.out.printf(Locale.ROOT, "# machine: %d cores, %s %s, Java %s; run took %d s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), Duration.between(started, Instant.now()).toSeconds());
    }

    // ------------------------------------------------------------------ set-up

    private SandboxOptions options(String name) {
        return SandboxOptions.defaults()
                .withDataDirectory(plan.directory().resolve("sandbox-" + name + "-" + System.nanoTime()))
                .withPorts(OrchestratorProcess.freePort(), OrchestratorProcess.freePort(), OrchestratorProcess.freePort(), 0)
                .withQueues(queues())
                // instant customers: they answer at once, the message takes no time, agents talk for no time
                .withTimings(Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1));
    }

    private static Map<String, Integer> queues() {
        Map<String, Integer> queues = new LinkedHashMap<>();
        queues.put("bench-off", 1);
        queues.put("bench-full", 100);
        queues.put("bench-idle", 1);
        queues.put("bench-wait", 1);
        queues.put("bench-night", 1);
        queues.put("bench-noagent", 1);
        queues.put("bench-now", 1);
        return queues;
    }

    private OrchestratorProcess orchestrator(Sandbox sandbox, String name) throws InterruptedException {
        Map<String, String> p = new LinkedHashMap<>(sandbox.orchestratorProperties());
        p.put("camunda.client.deployment.enabled", "false");
        p.put("ringback.security.users.pbx.password", "{noop}" + PASSWORD);
        p.put("ringback.security.users.pbx.permissions", "intake");
        p.put("ringback.security.users.bench-ops.password", "{noop}" + PASSWORD);
        p.put("ringback.security.users.bench-ops.permissions", "settings:admin");
        p.put("ringback.originate.timeout", "5s");
        p.put("ringback.originate.outcome-grace", "10s");
        p.put("ringback.originate.connect-timeout", "30s");
        p.put("logging.level.io.ringback", "WARN");
        p.putAll(overrides);
        OrchestratorProcess orchestrator = new OrchestratorProcess(name, plan.directory(), p, List.of("-Xms512m", "-Xmx2g"));
        orchestrator.start();
        Duration ready = orchestrator.awaitReady(Duration.ofMinutes(3));
        log.info("Orchestrator {} ready after {}", name, ready);
        if (name.equals("main")) {
            figure("ready_s_production", ready.toMillis() / 1000.0, "s", null, null, null);
        }
        return orchestrator;
    }

    // ------------------------------------------------------------------ ready_s

    /** Start of the embedded mode (a JVM as {@code mvn spring-boot:run} forks it) until ready. */
    private void readyOfTheEmbeddedMode() throws InterruptedException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ringback.embedded.zeebe.port", "0");
        p.put("ringback.embedded.asterisk.port", "0");
        p.put("ringback.embedded.asterisk.demo", "false");
        OrchestratorProcess embedded = OrchestratorProcess.embeddedMode("embedded", plan.directory(), p, List.of());
        embedded.start();
        try {
            Duration ready = embedded.awaitReady(Duration.ofMinutes(3));
            figure("ready_s", ready.toMillis() / 1000.0, "s", "ready_s_production", null, null);
        } finally {
            embedded.stop();
        }
    }

    // ------------------------------------------------------------------ bare

    /** The baseline: a one-service-task process on the same engine, with a client configured as the orchestrator's. */
    private void bare(CamundaClient client, ZeebeTestEngine engine) throws Exception {
        try (JobWorker worker = client.newWorker().jobType(BenchModels.BARE_JOB)
                .handler((jobs, job) -> jobs.newCompleteCommand(job).send())
                .streamEnabled(true).pollInterval(Duration.ofHours(1)).maxJobsActive(64).open()) {
            // warm up: after 3 s the figure varied from 225 to 362 instances/s between runs (JIT still compiling)
            closedLoop(client, Duration.ofSeconds(10), IN_FLIGHT, new Latencies());
            Latencies saturated = new Latencies();
            CpuTime before = CpuTime.now(-1);
            long t0 = System.nanoTime();
            double perSecond = closedLoop(client, plan.bareTime(), IN_FLIGHT, saturated);
            double instances = perSecond * (System.nanoTime() - t0) / 1e9;
            CpuTime used = CpuTime.now(-1).minus(before);
            figure("bare_pi_per_s", perSecond, "pi/s", null, null, null);
            // what an instance costs the machine (no orchestrator runs yet: the engine and the no-op worker)
            this.bareCpuMs = used.machineMs() / instances;
            figure("bare_cpu_ms_per_pi", bareCpuMs, "ms", null, null, null);
            Latencies at50 = new Latencies();
            openLoop(client, plan.intakeRate(), plan.bareTime(), at50);
            figure("bare_p99_ms", at50.percentile(99), "ms", null, null, null);
            this.barePerSecond = perSecond;
            this.bareP99 = at50.percentile(99);
        }
    }

    private double barePerSecond;
    private double bareCpuMs;
    private double bareP99;

    /** {@code inFlight} instances at a time, each created and awaited to its end; instances per second. */
    private static double closedLoop(CamundaClient client, Duration time, int inFlight, Latencies latencies)
            throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        AtomicInteger done = new AtomicInteger();
        Instant end = Instant.now().plus(time);
        Instant start = Instant.now();
        while (Instant.now().isBefore(end)) {
            slots.acquire();
            long t0 = System.nanoTime();
            client.newCreateInstanceCommand().bpmnProcessId(BenchModels.BARE_PROCESS).latestVersion().withResult()
                    .requestTimeout(Duration.ofSeconds(30)).send().whenComplete((r, e) -> {
                        if (e == null) {
                            latencies.add((System.nanoTime() - t0) / 1e6);
                            done.incrementAndGet();
                        }
                        slots.release();
                    });
        }
        slots.acquire(inFlight);
        return done.get() / (Duration.between(start, Instant.now()).toMillis() / 1000.0);
    }

    /** {@code rate} instances per second for {@code time}, each awaited to its end. */
    private static void openLoop(CamundaClient client, int rate, Duration time, Latencies latencies)
            throws InterruptedException {
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long count = time.toSeconds() * rate;
        List<java.util.concurrent.CompletionStage<?>> pending = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long t0 = System.nanoTime();
            pending.add(client.newCreateInstanceCommand().bpmnProcessId(BenchModels.BARE_PROCESS).latestVersion()
                    .withResult().requestTimeout(Duration.ofSeconds(30)).send()
                    .whenComplete((r, e) -> {
                        if (e == null) {
                            latencies.add((System.nanoTime() - t0) / 1e6);
                        }
                    }));
        }
        for (var stage : pending) {
            try {
                stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // counted as missing
            }
        }
    }

    // ------------------------------------------------------------------ intake

    /**
     * A steady 50 abandons/s for 60 s on a queue with callbacks off (the shortest path), over AMI and then
     * through the API: from the abandon leaving the simulated PBX (or the POST being sent) to the
     * engine's record of the process instance's creation. First a warm-up, not measured: 20 s at the same
     * rate through the same path, so that this orchestrator's JVM (started for this figure) and the engine
     * have compiled it at that rate (at half the rate, the first 10 s measured still had the JIT compilers
     * taking a quarter of a core), whichever figures ran before; then a pause for anything left to finish.
     * The API gets a warm-up of its own, 30 s. The log gives the latencies by 5 s of sending.
     */
    private void intake(Sandbox sandbox, OrchestratorProcess orchestrator) throws Exception {
        Map<String, Long> warmUp = new ConcurrentHashMap<>();
        long warmUpInterval = 1_000_000_000L / plan.intakeRate();
        long warmUpStart = System.nanoTime();
        for (int i = 0; i < 20 * plan.intakeRate(); i++) {
            sleepUntilNanos(warmUpStart + i * warmUpInterval);
            String uniqueId = sandbox.asterisk().abandon("bench-off", "+55119" + (10_000_000 + i), "Warm " + i, 30);
            warmUp.put(AMI_SOURCE + "/" + uniqueId, System.currentTimeMillis());
        }
        awaitEnded(sandbox, warmUp);
        quiet();

        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        long interval = 1_000_000_000L / plan.intakeRate();
        long count = plan.intakeTime().toSeconds() * plan.intakeRate();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            sleepUntilNanos(start + i * interval);
            long at = System.currentTimeMillis();
            String uniqueId = sandbox.asterisk().abandon("bench-off", "+55118" + (10_000_000 + i), "Bench " + i, 30);
            sentAt.put(AMI_SOURCE + "/" + uniqueId, at);
        }
        awaitEnded(sandbox, sentAt);

        // the API's own path (Tomcat, Spring Security and MVC, Jackson, validation) warmed up the same way, not
        // measured, for longer: after 20 s its first 15 s measured still had the JIT's stalls
        Map<String, Long> apiWarmUp = new ConcurrentHashMap<>();
        post(orchestrator, 30 * plan.intakeRate(), "bench-api-warm-", 10_000_000 + (int) count, apiWarmUp, new Latencies());
        awaitEnded(sandbox, apiWarmUp);
        quiet();

        Map<String, Long> postedAt = new ConcurrentHashMap<>();
        Latencies response = new Latencies();
        double[] before = serverTimes(orchestrator, "/api/abandoned-calls");
        post(orchestrator, count, "bench-api-", 10_000_000, postedAt, response);
        double[] after = serverTimes(orchestrator, "/api/abandoned-calls");
        Map<String, Recorded> callbackOf = awaitEnded(sandbox, postedAt);

        // Only now the engine's records are read, once for all four: a walk of the in-memory engine's record
        // stream keeps every record it has read, as objects, in this JVM, where the engine runs (1 GB and more
        // after the warm-ups); read between the phases, the engine measured next ran beside that heap and its
        // collections (concurrent marking took a core of the two for seconds: stalls of 100 ms and more).
        Map<String, Long> created = instanceCreatedAt(sandbox.engine());
        Latencies warm = latencies(warmUp, callbackOf, created);
        log.info("intake warm-up at {}/s: median {} ms, p99 {} ms", plan.intakeRate(), format(warm.median()),
                format(warm.percentile(99)));
        Latencies ami = latencies(sentAt, callbackOf, created);
        String rate = "_at_" + plan.intakeRate() + "_per_s";
        figure("intake_p99_ms" + rate, ami.percentile(99), "ms", "bare_p99_ms " + format(bareP99) + " ms",
                "<= 50 ms", ami.percentile(99) <= 50);
        figure("intake_median_ms" + rate, ami.median(), "ms", null, null, null);
        Latencies apiWarm = latencies(apiWarmUp, callbackOf, created);
        log.info("API intake warm-up at {}/s: median {} ms, p99 {} ms", plan.intakeRate(), format(apiWarm.median()),
                format(apiWarm.percentile(99)));
        Latencies api = latencies(postedAt, callbackOf, created);
        figure("intake_api_p99_ms" + rate, api.percentile(99), "ms", "bare_p99_ms " + format(bareP99) + " ms",
                "<= 50 ms", api.percentile(99) <= 50);
        figure("intake_api_response_p99_ms" + rate, response.percentile(99), "ms", null, null, null);
        // the same POSTs as the orchestrator timed them (Spring's http.server.requests): where the time goes
        serverSideTimes(before, after, "intake_api_server");
    }

    /**
     * Between a warm-up and its measurement: the garbage the warm-up left in this JVM (where the engine
     * runs) collected now, not in the first seconds measured; then 5 s for anything left to finish.
     */
    private static void quiet() throws InterruptedException {
        System.gc();
        Thread.sleep(5_000);
    }

    /**
     * {@code count} POSTs of abandons at the intake rate, each on a virtual thread of its own (an open loop:
     * a slow answer does not hold back the next POST); when each was sent in {@code postedAt}, its response
     * time in {@code response}. Returns when every POST has been answered.
     */
    private void post(OrchestratorProcess orchestrator, long count, String idPrefix, int numberBase,
                      Map<String, Long> postedAt, Latencies response) throws InterruptedException {
        long interval = 1_000_000_000L / plan.intakeRate();
        ExecutorService posts = Executors.newVirtualThreadPerTaskExecutor();
        long start = System.nanoTime();
        String auth = "Basic " + Base64.getEncoder().encodeToString(("pbx:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < count; i++) {
            sleepUntilNanos(start + i * interval);
            String uniqueId = idPrefix + i;
            String body = """
                    {"queue":"bench-off","callerNumber":"+55117%d","holdTimeSeconds":30,"abandonedAt":"%s",\
                    "uniqueId":"%s","source":"bench"}""".formatted(numberBase + i, Instant.now(), uniqueId);
            long at = System.currentTimeMillis();
            postedAt.put("api:bench/" + uniqueId, at);
            posts.submit(() -> {
                long t0 = System.nanoTime();
                try {
                    http.send(HttpRequest.newBuilder(URI.create(orchestrator.baseUrl() + "/api/abandoned-calls"))
                            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                            .header("Authorization", auth).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    response.add((System.nanoTime() - t0) / 1e6);
                } catch (IOException | InterruptedException e) {
                    log.warn("POST {} failed: {}", uniqueId, e.toString());
                }
            });
        }
        posts.shutdown();
        posts.awaitTermination(2, TimeUnit.MINUTES);
    }

    /**
     * The orchestrator's own count, total and max time of a URI's requests (Spring's
     * {@code http.server.requests}), or null when they cannot be read.
     */
    private double[] serverTimes(OrchestratorProcess orchestrator, String uri) {
        String auth = "Basic " + Base64.getEncoder().encodeToString(("bench-ops:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create(orchestrator.baseUrl()
                            + "/actuator/metrics/http.server.requests?tag=uri:" + uri)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            return new double[] {statistic(body, "COUNT"), statistic(body, "TOTAL_TIME"), statistic(body, "MAX")};
        } catch (IOException | RuntimeException e) {
            log.warn("the orchestrator's request times could not be read: {}", e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Mean time the orchestrator took for the requests since {@code before} (its own timing), and the
     * longest one of its last two minutes (Micrometer's max is kept for a moving window).
     */
    private void serverSideTimes(double[] before, double[] after, String name) {
        if (before == null || after == null) {
            return;
        }
        double count = after[0] - before[0];
        figure(name + "_mean_ms", count == 0 ? Double.NaN : (after[1] - before[1]) / count * 1000, "ms", null, null, null);
        figure(name + "_max_ms", after[2] * 1000, "ms", null, null, null);
    }

    /** A statistic of Spring's metrics endpoint answer ({@code "statistic":"COUNT","value":3000.0}). */
    private static double statistic(String json, String statistic) {
        var m = java.util.regex.Pattern.compile("\\{\\s*\"statistic\"\\s*:\\s*\"" + statistic
                + "\"\\s*,\\s*\"value\"\\s*:\\s*([0-9.Ee+-]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + statistic + " in " + json);
        }
        return Double.parseDouble(m.group(1));
    }

    /**
     * Waits (up to 2 minutes) until every abandon of {@code sentAt} has been through the whole short path
     * (its callback recorded, its instance created, {@code register-callback} done: the callback ended as
     * disabled), so that no backlog of a phase runs into the next one; returns source/uniqueId → the
     * callback and when the orchestrator recorded the abandon, of every abandon so ended. Reads the
     * orchestrator's database only.
     */
    private static Map<String, Recorded> awaitEnded(Sandbox sandbox, Map<String, Long> sentAt) throws InterruptedException {
        JdbcClient db = JdbcClient.create(sandbox.database(SandboxOptions.ORCHESTRATOR_DATABASE));
        Map<String, Recorded> callbackOf = new HashMap<>();
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            callbackOf.clear();
            db.sql("select e.source, e.unique_id, e.callback_id, e.received_at from abandon_event e "
                    + "join callback c on c.id = e.callback_id where c.ended_at is not null").query((rs, n) -> {
                callbackOf.put(rs.getString(1) + "/" + rs.getString(2),
                        new Recorded(rs.getObject(3, UUID.class), rs.getTimestamp(4).getTime()));
                return null;
            }).list();
            if (callbackOf.keySet().containsAll(sentAt.keySet())) {
                break;
            }
            Thread.sleep(500);
        }
        return callbackOf;
    }

    /**
     * Abandon sent → instance created (the engine's record of the process's activation), per source/uniqueId;
     * the latencies by 5 s of sending in the log.
     */
    /** An abandon as the orchestrator recorded it: its callback, and when (its transaction's start). */
    private record Recorded(UUID callback, long at) {}

    private static Latencies latencies(Map<String, Long> sentAt, Map<String, Recorded> callbackOf, Map<String, Long> created) {
        Latencies latencies = new Latencies();
        java.util.TreeMap<Long, Latencies> byWindow = new java.util.TreeMap<>(); // by 5 s of sending
        long first = sentAt.values().stream().mapToLong(Long::longValue).min().orElse(0);
        int missing = 0;
        List<long[]> parts = new ArrayList<>(); // per abandon: sent → created, sent → recorded, recorded → created
        for (var entry : sentAt.entrySet()) {
            Recorded recorded = callbackOf.get(entry.getKey());
            Long at = recorded == null ? null : created.get(recorded.callback().toString());
            if (at == null) {
                missing++;
            } else {
                latencies.add(at - entry.getValue());
                byWindow.computeIfAbsent((entry.getValue() - first) / 5_000 * 5, w -> new Latencies())
                        .add(at - entry.getValue());
                parts.add(new long[] {at - entry.getValue(), recorded.at() - entry.getValue(), at - recorded.at()});
            }
        }
        // the slowest 1 %: late before the orchestrator's transaction began (transport, its event or request
        // threads), or after (its transaction, the start message, the engine)
        parts.sort(java.util.Comparator.comparingLong((long[] p) -> p[0]).reversed());
        List<long[]> slowest = parts.subList(0, Math.max(1, parts.size() / 100));
        if (!parts.isEmpty()) {
            long[] toRecorded = slowest.stream().mapToLong(p -> p[1]).sorted().toArray();
            long[] toCreated = slowest.stream().mapToLong(p -> p[2]).sorted().toArray();
            log.info("the slowest 1 % ({}): median sent → recorded {} ms, recorded → created {} ms", slowest.size(),
                    toRecorded[toRecorded.length / 2], toCreated[toCreated.length / 2]);
        }
        if (missing > 0) {
            log.warn("{} of {} abandons have no process instance", missing, sentAt.size());
        }
        // where the tail comes from: one stall, or all the way through
        log.info("by 5 s of sending, from the first (s: median/p99/max ms): {}", byWindow.entrySet().stream()
                .map(e -> e.getKey() + ": " + Math.round(e.getValue().median()) + "/"
                        + Math.round(e.getValue().percentile(99)) + "/" + Math.round(e.getValue().max()))
                .collect(java.util.stream.Collectors.joining(", ")));
        return latencies;
    }

    /** Callback id → when its {@code abandoned-call-callback} instance was activated (engine record timestamp). */
    private static Map<String, Long> instanceCreatedAt(ZeebeTestEngine engine) {
        Map<Long, Long> activated = new HashMap<>();
        Map<String, Long> instanceOf = new HashMap<>();
        for (Record<?> record : RecordStream.of(engine.getRecordStreamSource()).records()) {
            if (record.getValue() instanceof ProcessInstanceRecordValue pi
                    && record.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATING
                    && pi.getBpmnElementType() == BpmnElementType.PROCESS
                    && pi.getBpmnProcessId().equals("abandoned-call-callback")) {
                activated.putIfAbsent(pi.getProcessInstanceKey(), record.getTimestamp());
            } else if (record.getValue() instanceof VariableRecordValue v && v.getName().equals("callbackId")
                    && v.getBpmnProcessId().equals("abandoned-call-callback")) {
                instanceOf.putIfAbsent(v.getValue().replace("\"", ""), v.getProcessInstanceKey());
            }
        }
        Map<String, Long> result = new HashMap<>();
        instanceOf.forEach((callback, key) -> {
            Long at = activated.get(key);
            if (at != null) {
                result.put(callback, at);
            }
        });
        return result;
    }

    // ------------------------------------------------------------------ idle to originate

    /**
     * An agent becomes free; the callback waiting for it may dial once the agent has been idle 2 s; from
     * that moment to the Originate reaching the simulated PBX. The first sample is the orchestrator's first
     * callback after its start (its JVM still compiling the path): printed on its own as
     * {@code idle_to_originate_first_ms}, not counted in the others.
     */
    private void idleToOriginate(Sandbox sandbox) throws InterruptedException {
        String queue = "bench-idle";
        String agent = "Local/bench-idle-1@agents";
        JdbcClient db = JdbcClient.create(sandbox.database(SandboxOptions.ORCHESTRATOR_DATABASE));
        Latencies latencies = new Latencies();
        long first = -1;
        for (int i = 0; i <= plan.idleSamples(); i++) {
            sandbox.asterisk().setMemberAvailable(queue, agent, false);
            String number = "+55116" + (10_000_000 + i);
            sandbox.asterisk().setBehaviour(number.substring(1), CustomerBehaviour.BUSY);
            sandbox.asterisk().abandon(queue, number, "Idle " + i, 30);
            if (!await(() -> db.sql("select count(*) from callback where queue = ? and status = 'PENDING' "
                    + "and waiting_for = 'AGENT'").param(queue).query(Integer.class).single() == 1, Duration.ofSeconds(30))) {
                log.warn("idle sample {}: the callback did not wait for an agent", i);
                continue;
            }
            int before = sandbox.asterisk().originates().size();
            long free = System.currentTimeMillis();
            sandbox.asterisk().setMemberAvailable(queue, agent, true);
            long idleReached = free + BenchModels.IDLE_SECONDS * 1000L;
            if (!await(() -> dialed(sandbox, number.substring(1), before) != null, Duration.ofSeconds(30))) {
                log.warn("idle sample {}: not dialed", i);
                continue;
            }
            OriginateRecord originate = dialed(sandbox, number.substring(1), before);
            long latency = originate.receivedAt().toEpochMilli() - idleReached;
            if (i == 0) {
                first = latency;
            } else {
                latencies.add(latency);
            }
            await(() -> db.sql("select count(*) from callback where queue = ? and status = 'PENDING'").param(queue)
                    .query(Integer.class).single() == 0, Duration.ofSeconds(30));
        }
        figure("idle_to_originate_p99_ms", latencies.percentile(99), "ms", "bare_p99_ms " + format(bareP99) + " ms",
                "<= 200 ms", latencies.percentile(99) <= 200);
        figure("idle_to_originate_median_ms", latencies.median(), "ms", null, null, null);
        figure("idle_to_originate_first_ms", first, "ms", null, null, null);
        log.info("idle to Originate, every sample in order (ms): {}", latencies.inOrder());
    }

    private static OriginateRecord dialed(Sandbox sandbox, String digits, int after) {
        List<OriginateRecord> all = sandbox.asterisk().originates();
        for (int i = after; i < all.size(); i++) {
            if (all.get(i).dialedNumber().endsWith(digits)) {
                return all.get(i);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ full path

    /**
     * Callbacks per second through the whole path — abandon, intake, rules, dial policy, time condition,
     * agent claim, Originate, answer, the customer reaching an agent, the end recorded — with agents
     * always free and customers answering at once; driven as the baseline is, with the same number of
     * callbacks in flight (a new abandon whenever one ends), for {@code bareTime} after a warm-up; divided
     * by the baseline's instances per second.
     */
    private void fullPath(Sandbox sandbox, OrchestratorProcess orchestrator) throws InterruptedException {
        JdbcClient db = JdbcClient.create(sandbox.database(SandboxOptions.ORCHESTRATOR_DATABASE));
        int started = 0;
        Instant warm = Instant.now().plusSeconds(30);
        Instant end = warm.plus(plan.bareTime());
        CpuTime atWarm = null;
        while (Instant.now().isBefore(end) && started < plan.fullPathCallbacks()) {
            if (atWarm == null && !Instant.now().isBefore(warm)) {
                atWarm = CpuTime.now(orchestrator.pid());
            }
            int ended = db.sql("select count(*) from callback where queue = 'bench-full' and ended_at is not null")
                    .query(Integer.class).single();
            while (started - ended < IN_FLIGHT) {
                sandbox.asterisk().abandon("bench-full", "+55115" + (10_000_000 + started), "Full " + started, 30);
                started++;
            }
            Thread.sleep(20);
        }
        Instant last = Instant.now();
        CpuTime used = atWarm == null ? null : CpuTime.now(orchestrator.pid()).minus(atWarm);
        int connected = db.sql("select count(*) from callback where queue = 'bench-full' and status = 'CONNECTED' "
                + "and ended_at >= ? and ended_at < ?").params(java.sql.Timestamp.from(warm), java.sql.Timestamp.from(last))
                .query(Integer.class).single();
        double perSecond = connected / (Duration.between(warm, last).toMillis() / 1000.0);
        figure("full_path_per_s", perSecond, "callbacks/s", null, null, null);
        double ratio = perSecond / barePerSecond;
        figure("full_path_ratio", ratio, "ratio", "bare_pi_per_s " + format(barePerSecond) + " pi/s", ">= 0.5",
                ratio >= 0.5);
        if (used != null && connected > 0) {
            // where a callback's CPU goes; beside bare_cpu_ms_per_pi it says what the ratio is made of
            figure("full_path_cpu_ms_per_callback", used.machineMs() / connected, "ms",
                    "bare_cpu_ms_per_pi " + format(bareCpuMs) + " ms", null, null);
            figure("full_path_cpu_ms_orchestrator", used.orchestratorMs() / connected, "ms", null, null, null);
            figure("full_path_cpu_ms_engine_jvm", used.benchmarkJvmMs() / connected, "ms", null, null, null);
            figure("full_path_cpu_ms_other", used.otherMs() / connected, "ms", null, null, null);
            log.info("full path: machine busy {} of {} cores' time", format(used.machineMs()
                    / Duration.between(warm, last).toMillis()), Runtime.getRuntime().availableProcessors());
        }
        int notConnected = db.sql("select count(*) from callback where queue = 'bench-full' and ended_at is not null "
                + "and status <> 'CONNECTED'").query(Integer.class).single();
        if (notConnected > 0) {
            log.warn("full path: {} callbacks ended without reaching an agent", notConnected);
        }
    }

    // ------------------------------------------------------------------ heap

    /** The orchestrator's heap after a full GC, idle and with {@code pending} callbacks waiting for an agent. */
    private void heap(Sandbox sandbox, OrchestratorProcess orchestrator) throws Exception {
        double idle = heapMib(orchestrator);
        figure("heap_mib_idle", idle, "MiB", null, null, null);
        sandbox.asterisk().setMemberAvailable("bench-wait", "Local/bench-wait-1@agents", false);
        JdbcClient db = JdbcClient.create(sandbox.database(SandboxOptions.ORCHESTRATOR_DATABASE));
        long interval = 1_000_000_000L / 60;
        long start = System.nanoTime();
        for (int i = 0; i < plan.pending(); i++) {
            sleepUntilNanos(start + i * interval);
            sandbox.asterisk().abandon("bench-wait", "+55114" + (10_000_000 + i), "Waiting " + i, 30);
        }
        boolean all = await(() -> db.sql("select count(*) from callback where queue = 'bench-wait' and status = 'PENDING' "
                + "and waiting_for = 'AGENT'").query(Integer.class).single() >= plan.pending(), Duration.ofMinutes(5));
        int pending = db.sql("select count(*) from callback where queue = 'bench-wait' and status = 'PENDING'")
                .query(Integer.class).single();
        if (!all) {
            log.warn("heap: only {} callbacks pending", pending);
        }
        double used = heapMib(orchestrator);
        // named by what was reached: fewer pending than planned is not the 10k figure
        String name = pending >= 10_000 ? "heap_mib_10k_pending" : "heap_mib_" + pending + "_pending";
        figure(name, used, "MiB", "heap_mib_idle " + format(idle) + " MiB", "<= 1024 MiB", used <= 1024);
    }

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    /** Heap in use after a full collection ({@code jcmd GC.run}, then {@code GC.heap_info}), in MiB. */
    private static double heapMib(OrchestratorProcess orchestrator) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, String.valueOf(orchestrator.pid()), "GC.run");
        String info = run(jcmd, String.valueOf(orchestrator.pid()), "GC.heap_info");
        long kib = 0;
        for (String line : info.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("Metaspace") || trimmed.startsWith("class space") || trimmed.startsWith("region size")) {
                continue;
            }
            if (trimmed.contains("heap") || trimmed.contains("generation")) {
                Matcher m = USED.matcher(trimmed);
                if (m.find()) {
                    kib += Long.parseLong(m.group(1));
                }
            }
        }
        return kib / 1024.0;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    // ------------------------------------------------------------------ records

    /**
     * Engine records written for one callback: dialed at once (the baseline), after waiting through a
     * closed time condition for 12 hours, after 12 hours without a free agent. The engine's clock is
     * moved on in 15-minute steps, each step's work settling before the next, on a sandbox of its own.
     */
    private void records(Sandbox sandbox) throws Exception {
        try (CamundaClient client = Models.client(sandbox)) {
            BenchModels.models(ZonedDateTime.now()).deploy(client);
        }
        OrchestratorProcess orchestrator = orchestrator(sandbox, "records");
        try {
            ZeebeTestEngine engine = sandbox.engine();
            JdbcClient db = JdbcClient.create(sandbox.database(SandboxOptions.ORCHESTRATOR_DATABASE));
            sandbox.asterisk().setMemberAvailable("bench-noagent", "Local/bench-noagent-1@agents", false);

            UUID now = callback(sandbox, db, "bench-now", "+55113" + 10_000_001);
            awaitEnded(db, now);
            int baseline = recordsOf(engine, now);
            figure("records_no_wait", baseline, "records", null, null, null);

            // what the full path's callback (answered, the customer reaching an agent) and the baseline's
            // instance write: beside the CPU figures, what full_path_ratio is made of
            UUID answered = callback(sandbox, db, "bench-full", "+55113" + 10_000_004, CustomerBehaviour.ANSWER);
            awaitEnded(db, answered);
            int fullPath = recordsOf(engine, answered);
            figure("records_full_path", fullPath, "records", null, null, null);
            int bare = recordsOfBare(sandbox);
            figure("records_bare", bare, "records", null, null, null);

            UUID night = callback(sandbox, db, "bench-night", "+55113" + 10_000_002);
            UUID noAgent = callback(sandbox, db, "bench-noagent", "+55113" + 10_000_003);
            await(() -> "AGENT".equals(db.sql("select waiting_for from callback where id = ?").param(noAgent)
                    .query(String.class).optional().orElse(null)), Duration.ofSeconds(30));
            Thread.sleep(1_000); // the night callback waits for its opening
            for (int step = 0; step < 12 * 4 + 2; step++) {
                engine.increaseTime(Duration.ofMinutes(15));
                settle(engine);
            }
            awaitEnded(db, night);
            // the wait's cost: the records beyond those of the same callback dialed at once
            int closedNight = recordsOf(engine, night) - baseline;
            figure("records_closed_night", closedNight, "records", "records_no_wait " + baseline, "<= 100",
                    closedNight <= 100);

            sandbox.asterisk().setMemberAvailable("bench-noagent", "Local/bench-noagent-1@agents", true);
            awaitEnded(db, noAgent);
            int noAgent12h = recordsOf(engine, noAgent) - baseline;
            figure("records_no_agent_12h", noAgent12h, "records", "records_no_wait " + baseline, "<= 150",
                    noAgent12h <= 150);
        } finally {
            orchestrator.kill9();
        }
    }

    private static UUID callback(Sandbox sandbox, JdbcClient db, String queue, String number) throws InterruptedException {
        return callback(sandbox, db, queue, number, CustomerBehaviour.BUSY);
    }

    private static UUID callback(Sandbox sandbox, JdbcClient db, String queue, String number, CustomerBehaviour behaviour)
            throws InterruptedException {
        sandbox.asterisk().setBehaviour(number.substring(1), behaviour);
        String uniqueId = sandbox.asterisk().abandon(queue, number, "Records", 30);
        await(() -> db.sql("select count(*) from abandon_event where unique_id = ?").param(uniqueId)
                .query(Integer.class).single() == 1, Duration.ofSeconds(30));
        return db.sql("select callback_id from abandon_event where unique_id = ?").param(uniqueId)
                .query(UUID.class).single();
    }

    private static void awaitEnded(JdbcClient db, UUID callback) throws InterruptedException {
        if (!await(() -> db.sql("select ended_at is not null from callback where id = ?").param(callback)
                .query(Boolean.class).single(), Duration.ofSeconds(60))) {
            log.warn("callback {} did not end", callback);
        }
    }

    /** Until the engine has written nothing for 400 ms. */
    private static void settle(ZeebeTestEngine engine) throws InterruptedException {
        long count = -1;
        for (int i = 0; i < 50; i++) {
            Thread.sleep(400);
            long now = StreamSupport.stream(RecordStream.of(engine.getRecordStreamSource()).records().spliterator(), false)
                    .count();
            if (now == count) {
                return;
            }
            count = now;
        }
    }

    /** Every record of one instance of the baseline's one-service-task process. */
    private static int recordsOfBare(Sandbox sandbox) {
        long key;
        try (CamundaClient client = Models.client(sandbox);
             JobWorker worker = client.newWorker().jobType(BenchModels.BARE_JOB)
                     .handler((jobs, job) -> jobs.newCompleteCommand(job).send()).open()) {
            key = client.newCreateInstanceCommand().bpmnProcessId(BenchModels.BARE_PROCESS).latestVersion().withResult()
                    .requestTimeout(Duration.ofSeconds(30)).send().join().getProcessInstanceKey();
        }
        int count = 0;
        for (Record<?> record : RecordStream.of(sandbox.engine().getRecordStreamSource()).records()) {
            if (record.getValue() instanceof ProcessInstanceRelated related && related.getProcessInstanceKey() == key) {
                count++;
            }
        }
        return count;
    }

    /** Every record of the callback's process instances (its own and the call-customer instances it called). */
    private static int recordsOf(ZeebeTestEngine engine, UUID callback) {
        String json = "\"" + callback + "\"";
        Set<Long> instances = new HashSet<>();
        for (Record<?> record : RecordStream.of(engine.getRecordStreamSource()).records()) {
            if (record.getValue() instanceof VariableRecordValue v && v.getName().equals("callbackId")
                    && v.getValue().equals(json)) {
                instances.add(v.getProcessInstanceKey());
            }
        }
        int count = 0;
        Map<String, Integer> byKind = new java.util.TreeMap<>(); // what a figure is made of, in the log
        for (Record<?> record : RecordStream.of(engine.getRecordStreamSource()).records()) {
            if (record.getValue() instanceof ProcessInstanceRelated related
                    && instances.contains(related.getProcessInstanceKey())) {
                count++;
                String kind = record.getValueType() + "." + record.getIntent()
                        + (record.getValue() instanceof ProcessInstanceRecordValue pi ? " " + pi.getElementId() : "");
                byKind.merge(kind, 1, Integer::sum);
            }
        }
        log.info("records of callback {}: {} by kind: {}", callback, count, byKind);
        return count;
    }

    // ------------------------------------------------------------------ helpers

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static boolean await(Condition condition, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.holds()) {
                    return true;
                }
            } catch (Exception e) {
                log.debug("not yet: {}", e.toString());
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static void sleepUntilNanos(long due) throws InterruptedException {
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /**
     * {@code bench/run.sh [--quick] [--dir=target/bench] [--only=ready,records,intake,idle,full,heap]
     * [--set=property=value ...] [--intake-rate=N]}: the baseline ({@code bare_*}) is measured in every run;
     * {@code --set} gives the orchestrator a property and {@code --intake-rate} measures the intake at another
     * rate (experiments: what a setting or the load changes).
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of("target", "bench");
        for (String arg : args) {
            if (arg.startsWith("--dir=")) {
                dir = Path.of(arg.substring("--dir=".length()));
            }
        }
        Plan plan = Plan.full(dir);
        if (Stream.of(args).anyMatch("--quick"::equals)) {
            plan = plan.quick();
        }
        for (String arg : args) {
            if (arg.startsWith("--only=")) {
                plan = plan.only(Set.of(arg.substring("--only=".length()).split(",")));
            }
            if (arg.startsWith("--intake-rate=")) {
                plan = plan.intakeAt(Integer.parseInt(arg.substring("--intake-rate=".length())));
            }
        }
        Benchmark benchmark = new Benchmark(plan);
        for (String arg : args) {
            if (arg.startsWith("--set=")) {
                String[] kv = arg.substring("--set=".length()).split("=", 2);
                benchmark.overrides.put(kv[0], kv[1]);
            }
        }
        benchmark.run();
        System.exit(0);
    }
}
