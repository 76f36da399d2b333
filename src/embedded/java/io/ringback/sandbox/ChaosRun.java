package io.ringback.sandbox;

import io.camunda.client.CamundaClient;
import io.ringback.simulator.CustomerBehaviour;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The chaos run of issue 10: drives callbacks (abandons over AMI and through the intake API; customers
 * who answer, are busy, never answer, meet congestion, fail, answer and leave the queue) through
 * orchestrators started as separate JVMs against a {@link Sandbox}, kills them with {@code kill -9} at
 * random moments and starts them again, keeps two instances on the same AMI, engine and database for
 * part of the run, drops the AMI connection once, and then judges with {@link ChaosCheck}:
 *
 * <pre>chaos: callbacks=N ended=N lost=0 double_dials=0 kills=K</pre>
 *
 * {@code bench/chaos.sh} runs the full plan ({@link ChaosPlan#full}); {@code ChaosTest} the short one in
 * {@code mvn verify}. The API client behaves like a PBX that retries: a post that got no answer (the
 * instance was just killed) is posted again, to whichever instance is up, until one accepts it.
 */
public final class ChaosRun {

    private static final Logger log = LoggerFactory.getLogger(ChaosRun.class);
    private static final String API_SOURCE = "chaos";
    private static final String PASSWORD = "chaos";
    private static final List<String> QUEUES = List.of("chaos-a", "chaos-b");

    /** What the run ends with. */
    public record Result(ChaosCheck.Verdict verdict, int kills, int restarts, int amiAbandons, int apiAbandons,
                         int unheardAbandons, List<Duration> readyTimes, Duration took) {

        public String line() {
            return "chaos: callbacks=%d ended=%d lost=%d double_dials=%d kills=%d".formatted(verdict.callbacks(),
                    verdict.ended(), verdict.lost(), verdict.doubleDials(), kills);
        }

        public boolean passed() {
            return verdict.lost() == 0 && verdict.doubleDials() == 0;
        }

        /** The figures beside the line, for docs/sandbox.md. */
        public String details() {
            return "chaos-details: abandons_ami=%d abandons_api=%d abandons_with_no_instance_listening=%d restarts=%d "
                    .formatted(amiAbandons, apiAbandons, unheardAbandons, restarts)
                    + "originates=%d end_states=%s attempt_outcomes=%s ready_s=%s took_s=%d".formatted(verdict.originates(),
                    verdict.endStates(), verdict.attemptOutcomes(), readyTimes.stream()
                            .map(d -> String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0)).toList(),
                    took.toSeconds());
        }
    }

    private record Customer(String number, String queue, String name) {}

    private final ChaosPlan plan;
    private final Random random;
    private final List<ChaosCheck.Abandon> driven = new CopyOnWriteArrayList<>();
    private final List<Customer> recent = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger amiAbandons = new AtomicInteger();
    private final AtomicInteger apiAbandons = new AtomicInteger();
    private final AtomicInteger unheard = new AtomicInteger();
    private final AtomicInteger kills = new AtomicInteger();
    private final AtomicInteger restarts = new AtomicInteger();
    private final List<Duration> readyTimes = new CopyOnWriteArrayList<>();
    private final List<OrchestratorProcess> instances = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile boolean trafficDone;
    /** Instances answering their readiness check, polled every half second. */
    private volatile int ready;

    public ChaosRun(ChaosPlan plan) {
        this.plan = plan;
        this.random = new Random(plan.seed());
    }

    public Result run() throws Exception {
        Instant started = Instant.now();
        deleteRecursively(plan.directory());
        Files.createDirectories(plan.directory());
        SandboxOptions options = SandboxOptions.defaults()
                .withDataDirectory(plan.directory().resolve("sandbox"))
                .withPorts(OrchestratorProcess.freePort(), OrchestratorProcess.freePort(), OrchestratorProcess.freePort(), 0)
                .withQueues(Map.of(QUEUES.get(0), plan.agentsPerQueue(), QUEUES.get(1), plan.agentsPerQueue()))
                .withTimings(Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofMillis(1500),
                        Duration.ofMillis(300), Duration.ofMillis(1500));
        try (Sandbox sandbox = new Sandbox(options).start()) {
            deployModels(sandbox);
            Map<String, String> properties = orchestratorProperties(sandbox);
            OrchestratorProcess a = new OrchestratorProcess("a", plan.directory(), properties, plan.jvmOptions());
            OrchestratorProcess b = new OrchestratorProcess("b", plan.directory(), properties, plan.jvmOptions());
            instances.add(a);
            a.start();
            readyTimes.add(a.awaitReady(Duration.ofMinutes(3)));
            log.info("Chaos: orchestrator a ready after {}; driving {} abandons at {}/s for {}", readyTimes.getFirst(),
                    plan.callbacks(), plan.perSecond(), plan.trafficTime());

            ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
            workers.submit(this::pollReadiness);
            Instant trafficStart = Instant.now();
            var traffic = workers.submit(() -> traffic(sandbox, workers, trafficStart));
            var chaos = workers.submit(() -> chaos(a, b, trafficStart));
            var drop = workers.submit(() -> amiDrop(sandbox, trafficStart));
            traffic.get();
            trafficDone = true;
            chaos.get();
            drop.get();
            if (!a.isAlive()) {
                a.start();
                restarts.incrementAndGet();
                readyTimes.add(a.awaitReady(Duration.ofMinutes(3)));
            } else {
                // running since its last restart, whose ready time is counted already (counted again here, it
                // was the time since that restart: 76 s, 85 s in earlier runs, taken for slow starts)
                a.awaitReady(Duration.ofMinutes(3));
            }
            awaitApiPosts(workers);
            awaitEnds(sandbox);
            for (OrchestratorProcess instance : instances) {
                instance.stop();
            }
            awaitJournal(sandbox);
            workers.shutdownNow();
            var verdict = ChaosCheck.check(sandbox.database(SandboxOptions.ORCHESTRATOR_DATABASE),
                    sandbox.database(SandboxOptions.ASTERISK_DATABASE), driven,
                    Duration.ofSeconds(plan.settings().timeLimitSeconds()), plan.lostMargin(), Instant.now());
            return new Result(verdict, kills.get(), restarts.get(), amiAbandons.get(), apiAbandons.get(), unheard.get(),
                    List.copyOf(readyTimes), Duration.between(started, Instant.now()));
        } finally {
            for (OrchestratorProcess instance : instances) {
                instance.kill9();
            }
        }
    }

    private void deployModels(Sandbox sandbox) {
        try (CamundaClient client = Models.client(sandbox)) {
            ChaosModels.deploy(client, plan.settings());
        }
    }

    private Map<String, String> orchestratorProperties(Sandbox sandbox) {
        Map<String, String> p = new LinkedHashMap<>(sandbox.orchestratorProperties());
        p.put("camunda.client.deployment.enabled", "false");
        // jobs a killed instance had taken come back to the others after this long
        p.put("camunda.client.worker.defaults.timeout", "PT20S");
        p.put("ringback.security.users.pbx.password", "{noop}" + PASSWORD);
        p.put("ringback.security.users.pbx.permissions", "intake");
        p.put("ringback.originate.timeout", "3s");
        p.put("ringback.originate.outcome-grace", "5s");
        p.put("ringback.originate.connect-timeout", "20s");
        p.put("ringback.agents.answered-claim-hold", "20s");
        p.put("ringback.agents.claim-ttl", "30s");
        p.put("ringback.process.republish-after", "5s");
        p.put("ringback.process.republish-interval", "2s");
        p.put("ringback.process.job-retry-backoff", "2s");
        p.put("ringback.process.outbox-interval", "500ms");
        p.put("ringback.ami.login-retry-initial", "250ms");
        p.put("ringback.ami.login-retry-max", "2s");
        p.put("ringback.ami.action-timeout", "3s");
        p.put("ringback.queue-log.heartbeat", "2s");
        p.put("ringback.callbacks.orphan-check-interval", "10s");
        return p;
    }

    // ---------------------------------------------------------------- traffic

    private void traffic(Sandbox sandbox, ExecutorService workers, Instant start) {
        long nanosPerAbandon = Math.round(1e9 / plan.perSecond());
        for (int i = 0; i < plan.callbacks(); i++) {
            sleepUntil(start.plusNanos(nanosPerAbandon * i));
            Customer customer = customer(sandbox, i);
            int hold = random.nextDouble() < 0.1 ? random.nextInt(plan.settings().minimumWaitSeconds())
                    : plan.settings().minimumWaitSeconds() + 3 + random.nextInt(120);
            if (random.nextDouble() < plan.apiShare()) {
                String uniqueId = "chaos-" + i;
                Instant at = Instant.now();
                driven.add(new ChaosCheck.Abandon("api:" + API_SOURCE, uniqueId, at));
                apiAbandons.incrementAndGet();
                workers.submit(() -> post(customer, hold, at, uniqueId));
            } else {
                boolean listening = ready > 0 && !sandbox.asterisk().isSuspended();
                String uniqueId = sandbox.asterisk().abandon(customer.queue(), customer.number(), customer.name(), hold);
                driven.add(new ChaosCheck.Abandon("ami:127.0.0.1", uniqueId, Instant.now()));
                amiAbandons.incrementAndGet();
                if (!listening) {
                    unheard.incrementAndGet();
                }
            }
        }
        log.info("Chaos: {} abandons driven ({} AMI, {} API)", plan.callbacks(), amiAbandons.get(), apiAbandons.get());
    }

    /** A new customer with a scripted behaviour, or (one in twenty) a recent one abandoning again. */
    private Customer customer(Sandbox sandbox, int i) {
        if (i > 10 && random.nextDouble() < 0.05) {
            synchronized (recent) {
                return recent.get(random.nextInt(recent.size()));
            }
        }
        String number = "+55119" + (10_000_000 + (plan.seed() % 100) * 100_000 + i);
        Customer customer = new Customer(number, QUEUES.get(random.nextInt(QUEUES.size())), "Chaos Customer " + i);
        int steps = 1 + random.nextInt(3);
        CustomerBehaviour[] sequence = new CustomerBehaviour[steps];
        for (int s = 0; s < steps; s++) {
            sequence[s] = behaviour();
        }
        sandbox.asterisk().setBehaviour(number.substring(1), sequence);
        synchronized (recent) {
            recent.add(customer);
            if (recent.size() > 50) {
                recent.removeFirst();
            }
        }
        return customer;
    }

    private CustomerBehaviour behaviour() {
        double r = random.nextDouble();
        if (r < 0.35) return CustomerBehaviour.ANSWER;
        if (r < 0.50) return CustomerBehaviour.BUSY;
        if (r < 0.65) return CustomerBehaviour.NO_ANSWER;
        if (r < 0.75) return CustomerBehaviour.CONGESTION;
        if (r < 0.85) return CustomerBehaviour.REJECT;
        return CustomerBehaviour.ANSWER_THEN_LEAVE_QUEUE;
    }

    private final ConcurrentLinkedQueue<String> postsPending = new ConcurrentLinkedQueue<>();

    /** Posts until an instance accepts it (202), like a PBX that retries; a lost answer is posted again. */
    private void post(Customer customer, int hold, Instant at, String uniqueId) {
        postsPending.add(uniqueId);
        String body = """
                {"queue":"%s","callerNumber":"%s","callerName":"%s","holdTimeSeconds":%d,"abandonedAt":"%s",\
                "uniqueId":"%s","source":"%s"}""".formatted(customer.queue(), customer.number(), customer.name(), hold,
                at, uniqueId, API_SOURCE);
        String auth = "Basic " + Base64.getEncoder().encodeToString(("pbx:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        int tries = 0;
        try {
            while (true) {
                List<OrchestratorProcess> up = instances.stream().filter(OrchestratorProcess::isAlive).toList();
                if (!up.isEmpty()) {
                    OrchestratorProcess target = up.get(Math.floorMod(uniqueId.hashCode() + tries, up.size()));
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                        URI.create(target.baseUrl() + "/api/abandoned-calls"))
                                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                                .header("Authorization", auth).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 202) {
                            return;
                        }
                        if (response.statusCode() < 500) {
                            log.warn("Chaos: abandon {} refused with {}: {}", uniqueId, response.statusCode(), response.body());
                            return;
                        }
                    } catch (IOException e) {
                        // killed, starting, or not listening yet: post again
                    }
                }
                tries++;
                Thread.sleep(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            postsPending.remove(uniqueId);
        }
    }

    private void awaitApiPosts(ExecutorService workers) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!postsPending.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
    }

    // ---------------------------------------------------------------- chaos

    private void chaos(OrchestratorProcess a, OrchestratorProcess b, Instant start) {
        try {
            long traffic = plan.trafficTime().toMillis();
            boolean twoInstances = plan.twoInstancesUntil() > plan.twoInstancesFrom();
            Instant secondFrom = start.plusMillis(Math.round(traffic * plan.twoInstancesFrom()));
            Instant secondUntil = start.plusMillis(Math.round(traffic * plan.twoInstancesUntil()));
            List<Instant> moments = new ArrayList<>();
            for (int k = 0; k < plan.kills(); k++) {
                // one kill in each equal slice of the traffic time, at a random moment within it
                double slice = 0.9 / plan.kills();
                moments.add(start.plusMillis(Math.round(traffic * (0.05 + slice * (k + random.nextDouble())))));
            }
            boolean secondStarted = false;
            boolean secondStopped = false;
            for (Instant moment : moments) {
                if (twoInstances && !secondStarted && !moment.isBefore(secondFrom)) {
                    sleepUntil(secondFrom);
                    startSecond(b);
                    secondStarted = true;
                }
                if (twoInstances && secondStarted && !secondStopped && !moment.isBefore(secondUntil)) {
                    sleepUntil(secondUntil);
                    stopSecond(b);
                    secondStopped = true;
                }
                sleepUntil(moment);
                List<OrchestratorProcess> candidates = instances.stream().filter(OrchestratorProcess::isAlive).toList();
                OrchestratorProcess victim = candidates.get(random.nextInt(candidates.size()));
                victim.awaitReady(Duration.ofMinutes(3)); // each kill hits a running instance, not one still starting
                victim.kill9();
                kills.incrementAndGet();
                Thread.sleep(random.nextInt(2_000));
                victim.start();
                restarts.incrementAndGet();
                Instant restarted = Instant.now();
                Thread.ofVirtual().start(() -> {
                    try {
                        readyTimes.add(victim.awaitReady(Duration.ofMinutes(3)));
                    } catch (Exception e) {
                        log.warn("Chaos: {} did not get ready again after the restart at {}: {}", victim.name(), restarted,
                                e.toString());
                    }
                });
            }
            if (twoInstances && !secondStarted) {
                sleepUntil(secondFrom);
                startSecond(b);
            }
            if (twoInstances && !secondStopped) {
                sleepUntil(secondUntil);
                stopSecond(b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Chaos: {} kill -9, {} restarts", kills.get(), restarts.get());
    }

    private void pollReadiness() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                ready = (int) instances.stream().filter(OrchestratorProcess::isReady).count();
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startSecond(OrchestratorProcess b) {
        instances.add(b);
        b.start();
        log.info("Chaos: a second orchestrator starts on the same AMI, engine and database");
    }

    private void stopSecond(OrchestratorProcess b) throws InterruptedException {
        if (b.isAlive()) {
            b.awaitReady(Duration.ofMinutes(3));
            b.kill9();
            kills.incrementAndGet();
        }
        instances.remove(b);
        log.info("Chaos: the second orchestrator is gone (kill -9); one instance from here on");
    }

    private void amiDrop(Sandbox sandbox, Instant start) {
        try {
            sleepUntil(start.plusMillis(Math.round(plan.trafficTime().toMillis() * plan.amiDropAt())));
            log.info("Chaos: the AMI connection drops for {}", plan.amiDrop());
            sandbox.asterisk().suspend();
            Thread.sleep(plan.amiDrop());
            sandbox.asterisk().resume();
            log.info("Chaos: AMI is back");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- the end

    /** Until every callback of the run has ended, or the last time limit plus the margin has passed. */
    private void awaitEnds(Sandbox sandbox) throws InterruptedException {
        JdbcClient db = JdbcClient.create(sandbox.database(SandboxOptions.ORCHESTRATOR_DATABASE));
        Instant last = driven.stream().map(ChaosCheck.Abandon::at).max(Instant::compareTo).orElse(Instant.now());
        Instant giveUp = last.plusSeconds(plan.settings().timeLimitSeconds()).plus(plan.lostMargin()).plusSeconds(5);
        while (Instant.now().isBefore(giveUp)) {
            int recorded = db.sql("select count(*) from abandon_event").query(Integer.class).single();
            int open = db.sql("select count(*) from callback where ended_at is null").query(Integer.class).single();
            if (recorded >= driven.size() && open == 0) {
                return;
            }
            Thread.sleep(2_000);
        }
        log.warn("Chaos: gave up waiting at {}: callbacks still open", Instant.now());
    }

    private void awaitJournal(Sandbox sandbox) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (sandbox.journalBacklog() > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }

    private static void sleepUntil(Instant moment) {
        long millis = Duration.between(Instant.now(), moment).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * {@code bench/chaos.sh [--callbacks=1000] [--kills=10] [--rate=1.5] [--ami-drop=60s] [--time-limit=240]
     * [--margin=180] [--seed=n] [--dir=target/chaos] [--two-instances=0.3-0.6] [--quick]}: prints the verdict
     * line and exits 1 when a callback was lost or a customer dialed twice.
     */
    public static void main(String[] args) throws Exception {
        boolean quick = Stream.of(args).anyMatch("--quick"::equals);
        String[] options = Stream.of(args).filter(a -> !a.equals("--quick")).toArray(String[]::new);
        long seed = System.currentTimeMillis();
        Path dir = Path.of("target", "chaos");
        ChaosPlan plan = ChaosPlan.parse(quick ? ChaosPlan.quick(dir, seed) : ChaosPlan.full(dir, seed), options);
        log.info("Chaos run: {}", plan);
        Result result = new ChaosRun(plan).run();
        result.verdict().findings().stream().limit(50).forEach(f -> System.out.println("  " + f));
        System.out.println(result.details());
        System.out.println(result.line());
        System.exit(result.passed() ? 0 : 1);
    }
}
