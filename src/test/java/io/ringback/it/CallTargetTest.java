package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringback.callback.Attempt;
import io.ringback.callback.AttemptOutcome;
import io.ringback.directory.AgentDetails;
import io.ringback.directory.AgentDirectory;
import io.ringback.process.CallbackProcess;
import io.ringback.simulator.CustomerBehaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The shared {@code call-customer} process started on its own, as every kind of callback will call
 * it, with a target narrower than the queue: the claim goes only to the agents the directory puts in
 * the target, and the shared fairness and in-flight rules hold for it.
 */
class CallTargetTest extends RingbackIntegrationTest {

    @Autowired AgentDirectory directory;

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String queue = "it-fast-target-" + suffix;
    final String outsider = "Local/" + queue + "-outsider@agents";
    final String member = "Local/" + queue + "-vip@agents";
    final String group = "vip-" + suffix;

    @Test
    void aGroupTargetClaimsOnlyAnAgentOfTheGroupAndDialsForIt() {
        asterisk.addMember(queue, outsider, "Outsider");
        asterisk.addMember(queue, member, "Vip agent");
        directory.create("vip-" + suffix, new AgentDetails("Vip agent", List.of(member), List.of(queue), List.of(group)));
        String number = newNumber();
        asterisk.setBehaviour(digits(number), CustomerBehaviour.ANSWER);
        UUID callback = pendingCallback(number);

        callCustomer(callback, Map.of("queue", queue, "group", group));

        Attempt attempt = awaitAttemptEnd(callback);
        assertThat(attempt.agentInterface()).as("the group's agent, not the outsider idle as long").isEqualTo(member);
        assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.CONNECTED);
        assertThat(dialsTo(number)).singleElement()
                .satisfies(dial -> assertThat(dial.variables()).containsEntry("CB_QUEUE", queue));
    }

    @Test
    void anAgentTargetWaitsWhileOnlyOtherAgentsAreFreeAndDialsWhenTheOwnerIsBack() {
        asterisk.addMember(queue, outsider, "Outsider");
        String owner = "Local/" + queue + "-owner@agents";
        asterisk.addMember(queue, owner, "Owner");
        asterisk.setMemberPaused(queue, owner, true, "lunch");
        String userId = "owner-" + suffix;
        directory.create(userId, new AgentDetails("Owner", List.of(owner), List.of(queue), List.of()));
        String number = newNumber();
        asterisk.setBehaviour(digits(number), CustomerBehaviour.ANSWER);
        UUID callback = pendingCallback(number);

        callCustomer(callback, Map.of("queue", queue, "agent", userId));

        await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.find(callback).orElseThrow().waitingForAgent());
        assertThat(dialsTo(number)).as("the outsider is free, but the callback is the owner's").isEmpty();

        asterisk.setMemberPaused(queue, owner, false, null);

        Attempt attempt = awaitAttemptEnd(callback);
        assertThat(attempt.agentInterface()).isEqualTo(owner);
        assertThat(dialsTo(number)).hasSize(1);
    }

    private UUID pendingCallback(String number) {
        UUID id = storedCallback(queue, number);
        jdbc.sql("update callback set status = 'PENDING' where id = ?").param(id).update();
        return id;
    }

    private void callCustomer(UUID callbackId, Map<String, Object> target) {
        Map<String, Object> policy = new HashMap<>();
        policy.put("timeLimitSeconds", 3600);
        policy.put("maxAttempts", 1);
        policy.put("retryIntervalSeconds", 1);
        policy.put("agentIdleSeconds", 0);
        policy.put("dialPrefix", "9");
        policy.put("callbackMessage", "custom/callback");
        policy.put("timeCondition", "always");
        policy.put("timeZone", "America/Sao_Paulo");
        policy.put("deadline", Instant.now().plus(Duration.ofHours(1)).toString());
        policy.put("target", target);
        camunda.newCreateInstanceCommand().bpmnProcessId(CallbackProcess.CALL_CUSTOMER_PROCESS_ID).latestVersion()
                .variables(Map.of("callbackId", callbackId.toString(), "callerMasked", "+55*******0000",
                        "dialPolicy", policy))
                .send().join();
    }

    private Attempt awaitAttemptEnd(UUID callbackId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> attemptsOf(callbackId),
                list -> !list.isEmpty() && list.getFirst().outcome() != null).getFirst();
    }
}
