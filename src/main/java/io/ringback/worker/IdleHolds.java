package io.ringback.worker;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.jobhandling.CommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.CommandWrapper;
import io.camunda.client.metrics.MetricsRecorder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringback.agent.AgentProperties;
import io.ringback.support.CallbackLogContext;
import jakarta.annotation.PreDestroy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code claim-agent} jobs held while an agent's idle time runs out, and completed at the moment it is
 * reached (see {@link ClaimAgentWorker#claim}). A job is held only when the wait is at most
 * {@code ringback.agents.idle-hold} (all holds of one job together), ends at least {@link #MARGIN} before
 * the job's deadline, the callback may still be dialed when it ends (its time condition open then: asked
 * when the hold starts, so the end of the hold costs no decision), and fewer than {@link #LIMIT} jobs are
 * held; otherwise the model's timer waits.
 * Nothing is held across a stop: on shutdown every held job is completed with a wait that is over, so the
 * model checks again at once on whichever orchestrator runs next.
 */
@Component
public class IdleHolds {

    /** The {@code claim-agent} job's timeout: how long a hold lost to a crash delays the callback at most. */
    static final long JOB_TIMEOUT_MS = 30_000;
    /** A hold ends this long before the job's deadline at the latest. */
    static final Duration MARGIN = Duration.ofSeconds(5);
    /** At most this many jobs held at once; any more wait on the model's timer. */
    static final int LIMIT = 1_000;
    /** The wait a job is completed with when its hold is over without a claim: the model checks again at once. */
    static final BigDecimal WAIT_OVER = new BigDecimal("0.001");

    private static final Logger log = LoggerFactory.getLogger(IdleHolds.class);

    private record Hold(ActivatedJob job, long startedAt, Map<String, Object> vars, ScheduledFuture<?> future) {}

    /** What a hold asks of the worker that holds the job. */
    interface Claim {
        /** Whether the callback may still be dialed at that moment (its time condition open, its deadline ahead). */
        boolean mayDialAt(Instant moment);

        /** The claim made again at the end of a hold, given the variables of the last one. */
        Map<String, Object> again(Map<String, Object> last);
    }

    private final CamundaClient client;
    private final CommandExceptionHandlingStrategy commandExceptions;
    private final MetricsRecorder metrics;
    private final Duration maxHold;
    private final Clock clock;
    private final Map<Long, Hold> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "claim-agent-idle-hold");
        thread.setDaemon(true);
        return thread;
    });

    IdleHolds(CamundaClient client, CommandExceptionHandlingStrategy commandExceptions, MetricsRecorder metrics,
              AgentProperties properties, MeterRegistry meters, Clock clock) {
        this.client = client;
        this.commandExceptions = commandExceptions;
        this.metrics = metrics;
        this.maxHold = properties.idleHold();
        this.clock = clock;
        Gauge.builder("ringback.claims.held", held, Map::size)
                .description("claim-agent jobs held until an agent's idle time is reached").register(meters);
    }

    /**
     * Holds the job when {@code vars} (a claim made at {@code checkedAt}, epoch milliseconds) say an agent is
     * free but not idle long enough, the wait is short enough and the callback may still be dialed when it
     * ends; at the end of the wait the claim is made again ({@link Claim#again}) and the job completed with
     * what it says, or held again within the same bound. False: not held, the caller completes the job.
     */
    boolean hold(ActivatedJob job, Map<String, Object> vars, long checkedAt, Claim claim) {
        Hold earlier = held.get(job.getKey());
        long startedAt = earlier != null ? earlier.startedAt() : checkedAt;
        Duration wait = waitOf(vars);
        // a wait that is over (a check that failed, a time condition that closed) goes to the model
        if (wait.isZero() || Boolean.TRUE.equals(vars.get("agentClaimed"))
                || (vars.get("agentWaitSeconds") instanceof BigDecimal seconds && seconds.compareTo(WAIT_OVER) == 0)) {
            return false;
        }
        long endsAt = checkedAt + wait.toMillis();
        if (endsAt - startedAt > maxHold.toMillis() || endsAt > job.getDeadline() - MARGIN.toMillis()
                || (earlier == null && held.size() >= LIMIT) || !mayDial(claim, endsAt)) {
            return false;
        }
        long delay = Math.max(0, endsAt - clock.millis());
        ScheduledFuture<?> future = timer.schedule(() -> endOfHold(job, vars, claim), delay, TimeUnit.MILLISECONDS);
        held.put(job.getKey(), new Hold(job, startedAt, vars, future));
        return true;
    }

    private static boolean mayDial(Claim claim, long at) {
        try {
            return claim.mayDialAt(Instant.ofEpochMilli(at));
        } catch (RuntimeException unknown) {
            return false; // the model's own check says why
        }
    }

    private void endOfHold(ActivatedJob job, Map<String, Object> vars, Claim claim) {
        Map<String, Object> next;
        try {
            next = claim.again(vars);
        } catch (RuntimeException unexpected) {
            next = waitOver(vars);
        }
        if (!hold(job, next, clock.millis(), claim)) {
            held.remove(job.getKey());
            complete(job, next);
        }
    }

    /** Completes the job with the SDK's handling of a command that fails (backpressure, a lost connection). */
    void complete(ActivatedJob job, Map<String, Object> vars) {
        new CommandWrapper(client.newCompleteCommand(job).variables(vars), job, commandExceptions, metrics, 3)
                .executeAsync();
    }

    /** The variables of a check whose wait is over: no claim, and the model's timer fires at once. */
    static Map<String, Object> waitOver(Map<String, Object> vars) {
        Map<String, Object> over = new HashMap<>(vars);
        over.put("agentClaimed", false);
        over.put("agentWaitSeconds", WAIT_OVER);
        over.put("claimedAgent", null);
        return over;
    }

    private static Duration waitOf(Map<String, Object> vars) {
        return vars.get("agentWaitSeconds") instanceof BigDecimal seconds
                ? Duration.ofMillis(seconds.movePointRight(3).longValue()) : Duration.ZERO;
    }

    /** Number of jobs held now. */
    int size() {
        return held.size();
    }

    @PreDestroy
    void completeAllNow() {
        timer.shutdownNow();
        for (Hold hold : held.values()) {
            hold.future().cancel(false);
            try (var logContext = CallbackLogContext.open(hold.job().getVariablesAsMap().get("callbackId"),
                    hold.job().getProcessInstanceKey())) {
                client.newCompleteCommand(hold.job()).variables(waitOver(hold.vars())).send()
                        .toCompletableFuture().get(2, TimeUnit.SECONDS);
            } catch (Exception lost) {
                // the job's timeout hands it out again
                log.warn("A held claim-agent job ({}) could not be completed on shutdown; its timeout ({} s) will hand "
                        + "it out again: {}", hold.job().getKey(), JOB_TIMEOUT_MS / 1000, lost.toString());
            }
        }
        held.clear();
    }
}
