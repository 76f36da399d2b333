package io.ringback.worker;

import static io.ringback.process.CallbackProcess.CallCustomer.*;
import static io.ringback.process.CallbackProcess.JobTypes.CLAIM_AGENT;
import static io.ringback.process.CallbackProcess.JobTypes.ORIGINATE_CALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.jobhandling.DefaultCommandExceptionHandlingStrategy;
import io.camunda.client.metrics.DefaultNoopMetricsRecorder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringback.agent.AgentProperties;
import io.ringback.process.CallbackProcess;
import io.ringback.process.ProcessTestEngine;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link IdleHolds} against the real in-memory engine and {@code call-customer}: a held {@code claim-agent}
 * job is completed at the end of the wait with what the claim says then, and everything the hold cannot
 * do goes back to the model's timer.
 */
class IdleHoldsTest {

    ProcessTestEngine engine;
    ScheduledExecutorService commandRetries;
    IdleHolds holds;
    long instance;

    @BeforeEach
    void start() {
        engine = new ProcessTestEngine("models/time-condition-test.dmn");
        commandRetries = Executors.newSingleThreadScheduledExecutor();
        holds = holds(Duration.ofSeconds(10));
        Map<String, Object> policy = io.ringback.testsupport.CallPolicies.usual(2);
        policy.put("deadline", Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString());
        policy.put("target", Map.of("queue", "q-test"));
        instance = engine.client().newCreateInstanceCommand().bpmnProcessId(CallbackProcess.CALL_CUSTOMER_PROCESS_ID)
                .latestVersion().variables(Map.of("callbackId", UUID.randomUUID().toString(), "dialPolicy", policy,
                        "callerMasked", "+55*******0001~3fa2"))
                .send().join().getProcessInstanceKey();
        engine.idle();
    }

    @AfterEach
    void stop() {
        holds.completeAllNow();
        commandRetries.shutdownNow();
        engine.close();
    }

    private IdleHolds holds(Duration idleHold) {
        return new IdleHolds(engine.client(),
                new DefaultCommandExceptionHandlingStrategy(
                        io.camunda.client.api.worker.BackoffSupplier.newBackoffBuilder().build(), commandRetries),
                new DefaultNoopMetricsRecorder(), new AgentProperties(Duration.ofMinutes(3), Duration.ofMinutes(2),
                        Duration.ofSeconds(30), idleHold), new SimpleMeterRegistry(), Clock.systemUTC());
    }

    private static Map<String, Object> waiting(String seconds) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("agentClaimed", false);
        vars.put("agentWaitSeconds", new BigDecimal(seconds));
        vars.put("claimedAgent", null);
        return vars;
    }

    private static Map<String, Object> claimed() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("agentClaimed", true);
        vars.put("agentWaitSeconds", BigDecimal.ZERO);
        vars.put("claimedAgent", "Anna");
        return vars;
    }

    private ActivatedJob claimJob(Duration timeout) {
        List<ActivatedJob> jobs = engine.client().newActivateJobsCommand().jobType(CLAIM_AGENT).maxJobsToActivate(1)
                .timeout(timeout).send().join().getJobs();
        assertThat(jobs).hasSize(1);
        return jobs.getFirst();
    }

    /** A claim whose callback may be dialed at any moment. */
    private static IdleHolds.Claim always(UnaryOperator<Map<String, Object>> again) {
        return new IdleHolds.Claim() {
            @Override
            public boolean mayDialAt(Instant moment) {
                return true;
            }

            @Override
            public Map<String, Object> again(Map<String, Object> last) {
                return again.apply(last);
            }
        };
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    @Test
    void aShortWaitIsHeldAndTheJobCompletedWithTheClaimMadeAtItsEnd() {
        ActivatedJob job = claimJob(Duration.ofSeconds(30));
        long heldAt = System.nanoTime();
        List<Long> rechecks = Collections.synchronizedList(new ArrayList<>());

        boolean held = holds.hold(job, waiting("0.300"), now(), always(last -> {
            rechecks.add(System.nanoTime() - heldAt);
            return claimed();
        }));

        assertThat(held).isTrue();
        assertThat(holds.size()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.hasJob(ORIGINATE_CALL));
        assertThat(rechecks).hasSize(1);
        assertThat(Duration.ofNanos(rechecks.getFirst())).as("checked again when the wait was over")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(holds.size()).isZero();
        engine.assertInstance(instance).hasPassedElement(CLAIM_AGENT_TASK, 1).hasNotPassedElement(WAIT_FOR_AGENT_IDLE);
    }

    @Test
    void anotherShortWaitAtTheEndIsHeldAgainAndNobodyFreeGoesBackToTheModel() {
        ActivatedJob job = claimJob(Duration.ofSeconds(30));
        List<Map<String, Object>> seen = Collections.synchronizedList(new ArrayList<>());

        holds.hold(job, waiting("0.100"), now(), always(last -> {
            seen.add(last);
            // first: the agent took another call and came back, 0.2 s more; then: nobody free
            return seen.size() == 1 ? waiting("0.200") : Map.of("agentClaimed", false, "agentWaitSeconds", 0);
        }));

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2 && holds.size() == 0);
        assertThat(seen.get(1)).containsEntry("agentWaitSeconds", new BigDecimal("0.200"));
        engine.idle();
        engine.assertInstance(instance).isWaitingForMessages(CallbackProcess.Messages.AGENT_AVAILABLE);
    }

    @Test
    void aWaitLongerThanTheHoldTooCloseToTheJobsDeadlineOrEndingWhenNoCallMayBeMadeIsTheModelsTimer() {
        ActivatedJob job = claimJob(Duration.ofSeconds(6));
        assertThat(holds.hold(job, waiting("10.001"), now(), always(last -> claimed()))).as("longer than idle-hold")
                .isFalse();
        assertThat(holds(Duration.ZERO).hold(job, waiting("0.100"), now(), always(last -> claimed())))
                .as("idle-hold 0s").isFalse();
        assertThat(holds.hold(job, claimed(), now(), always(last -> claimed()))).as("claimed already").isFalse();
        assertThat(holds.hold(job, waiting("0"), now(), always(last -> claimed()))).as("nobody free").isFalse();
        assertThat(holds.hold(job, waiting("2"), now(), always(last -> claimed())))
                .as("2 s ends less than 5 s before the job's deadline 6 s away").isFalse();
        List<Instant> asked = new ArrayList<>();
        long checkedAt = now();
        assertThat(holds.hold(job, waiting("0.400"), checkedAt, new IdleHolds.Claim() {
            @Override
            public boolean mayDialAt(Instant moment) {
                asked.add(moment);
                return false; // the time condition closes before the agent's idle time is reached
            }

            @Override
            public Map<String, Object> again(Map<String, Object> last) {
                return claimed();
            }
        })).as("the time condition closed at the end of the wait").isFalse();
        assertThat(asked).containsExactly(Instant.ofEpochMilli(checkedAt + 400));
        assertThat(holds.size()).isZero();

        assertThat(holds.hold(job, waiting("0.500"), now(), always(last -> claimed()))).as("0.5 s ends in time")
                .isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.hasJob(ORIGINATE_CALL));
    }

    @Test
    void aFailedCheckAtTheEndAndAStopBothLeaveTheWaitToTheModelWhichChecksAgainAtOnce() {
        ActivatedJob job = claimJob(Duration.ofSeconds(30));
        holds.hold(job, waiting("0.050"), now(), always(last -> {
            throw new IllegalStateException("database down");
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> holds.size() == 0);
        engine.idle();
        engine.increaseTime(Duration.ofMillis(10));
        ActivatedJob again = engine.activate(CLAIM_AGENT);
        engine.assertInstance(instance).hasPassedElement(WAIT_FOR_AGENT_IDLE, 1);

        holds.hold(again, waiting("5"), now(), always(last -> claimed()));
        holds.completeAllNow();
        assertThat(holds.size()).isZero();
        engine.idle();
        engine.increaseTime(Duration.ofMillis(10));
        engine.activate(CLAIM_AGENT);
        engine.assertInstance(instance).hasPassedElement(WAIT_FOR_AGENT_IDLE, 2);
    }
}
