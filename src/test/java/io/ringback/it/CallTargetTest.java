package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringback.callback.Attempt;
import io.ringback.callback.AttemptOutcome;
import io.ringback.callback.AgentAvailabilityNotifier;
import io.ringback.callback.OwnerWaitExpiries;
import io.ringback.directory.AgentDetails;
import io.ringback.directory.AgentDirectory;
import io.ringback.process.CallbackProcess;
import io.ringback.simulator.CustomerBehaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The shared {@code call-customer} process started on its own, as every kind of callback will call
 * it, with a target narrower than the queue: the claim goes only to the agents the directory puts in
 * the target, the answered customer is dialed through to that very agent ({@code CB_AGENT}), and an
 * owner who is not free within the owner wait — or leaves the directory — releases the callback to
 * the first free agent of the queue, with the expiry recorded.
 */
class CallTargetTest extends RingbackIntegrationTest {

    @Autowired AgentDirectory directory;
    @Autowired OwnerWaitExpiries expiries;
    @Autowired AgentAvailabilityNotifier notifier;

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String queue = "it-fast-target-" + suffix;
    final String outsider = "Local/" + queue + "-outsider@agents";
    final String member = "Local/" + queue + "-vip@agents";
    final String group = "vip-" + suffix;
    /** The customer of the test's callback. */
    final String number = newNumber();

    @Test
    void aGroupTargetClaimsOnlyAnAgentOfTheGroupAndDialsForIt() {
        asterisk.addMember(queue, outsider, "Outsider");
        asterisk.addMember(queue, member, "Vip agent");
        directory.create("vip-" + suffix, new AgentDetails("Vip agent", List.of(member), List.of(queue), List.of(group)));
        asterisk.setBehaviour(digits(number), CustomerBehaviour.ANSWER);
        UUID callback = pendingCallback(number);

        callCustomer(callback, Map.of("queue", queue, "group", group), 300);

        Attempt attempt = awaitAttemptEnd(callback);
        assertThat(attempt.agentInterface()).as("the group's agent, not the outsider idle as long").isEqualTo(member);
        assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.CONNECTED);
        assertThat(attempt.connectedAgent()).as("dialed through to the claimed agent, not whoever the queue picks")
                .isEqualTo("Vip agent");
        assertThat(dialsTo(number)).singleElement().satisfies(dial -> assertThat(dial.variables())
                .containsEntry("CB_QUEUE", queue).containsEntry("CB_AGENT", member));
        assertThat(expiries.of(callback)).isEmpty();
    }

    @Test
    void aGroupWhoseAgentsAreAllPausedReleasesTheCallbackWhenTheOwnerWaitEnds() {
        asterisk.addMember(queue, outsider, "Outsider");
        asterisk.addMember(queue, member, "Vip agent");
        asterisk.setMemberPaused(queue, member, true, "meeting");
        directory.create("vip-" + suffix, new AgentDetails("Vip agent", List.of(member), List.of(queue), List.of(group)));
        asterisk.setBehaviour(digits(number), CustomerBehaviour.ANSWER);
        UUID callback = pendingCallback(number);

        callCustomer(callback, Map.of("queue", queue, "group", group), 2);

        Attempt attempt = awaitAttemptEnd(callback);
        assertThat(attempt.agentInterface()).as("released to the first free agent").isEqualTo(outsider);
        assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.CONNECTED);
        assertThat(dialsTo(number)).singleElement().satisfies(dial -> assertThat(dial.variables())
                .containsEntry("CB_AGENT", ""));
        assertThat(expiries.of(callback)).singleElement().satisfies(expiry -> {
            assertThat(expiry.owner()).isEqualTo("group:" + group);
            assertThat(expiry.reason()).isEqualTo(OwnerWaitExpiries.Reason.WAIT_ENDED);
            assertThat(expiry.takenBy()).isEqualTo("Outsider");
        });
    }

    @Test
    void anOwnerWhoLeavesTheDirectoryReleasesTheirWaitingCallbackAtOnce() {
        UUID callback = callbackOfAPausedOwner();
        callbacks.setTarget(callback, null, userId); // as register-callback stores the owner
        callCustomer(callback, Map.of("queue", queue, "agent", userId), 3600);
        await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.find(callback).orElseThrow().waitingForAgent());

        Instant removed = Instant.now();
        directory.remove(userId);

        Attempt attempt = awaitAttemptEnd(callback);
        assertThat(attempt.agentInterface()).isEqualTo(outsider);
        assertThat(attempt.createdAt()).as("released at once, not after the hour's owner wait")
                .isBefore(removed.plusSeconds(10));
        assertThat(expiries.of(callback)).singleElement().satisfies(expiry -> {
            assertThat(expiry.owner()).isEqualTo(userId);
            assertThat(expiry.reason()).isEqualTo(OwnerWaitExpiries.Reason.OWNER_REMOVED);
        });
    }

    @Test
    void anAgentTargetWaitsWhileOnlyOtherAgentsAreFreeAndDialsWhenTheOwnerIsBack() {
        UUID callback = callbackOfAPausedOwner();

        callCustomer(callback, Map.of("queue", queue, "agent", userId), 300);

        await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.find(callback).orElseThrow().waitingForAgent());
        assertThat(dialsTo(number)).as("the outsider is free, but the callback is the owner's").isEmpty();

        asterisk.setMemberPaused(queue, owner, false, null);

        Attempt attempt = awaitAttemptEnd(callback);
        assertThat(attempt.agentInterface()).isEqualTo(owner);
        assertThat(attempt.connectedAgent()).isEqualTo("Owner");
        assertThat(dialsTo(number)).singleElement().satisfies(dial -> assertThat(dial.variables())
                .containsEntry("CB_AGENT", owner));
        assertThat(expiries.of(callback)).as("the owner came back inside the owner wait").isEmpty();
    }

    @Test
    void anAgentWhoIsNotTheOwnerWakesTheQueuesCallbackNotTheOwnersWhichIsDueFirst() {
        UUID owned = callbackOfAPausedOwner();
        asterisk.setMemberPaused(queue, outsider, true, "coffee");
        callbacks.setTarget(owned, null, userId);
        callCustomer(owned, Map.of("queue", queue, "agent", userId), 3600);
        await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.find(owned).orElseThrow().waitingForAgent());
        String other = newNumber();
        asterisk.setBehaviour(digits(other), CustomerBehaviour.ANSWER);
        UUID queues = pendingCallback(other);
        callCustomer(queues, Map.of("queue", queue), 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.find(queues).orElseThrow().waitingForAgent());

        Instant free = Instant.now();
        asterisk.setMemberPaused(queue, outsider, false, null);

        Attempt attempt = awaitAttemptEnd(queues);
        assertThat(attempt.agentInterface()).isEqualTo(outsider);
        assertThat(attempt.createdAt()).as("woken by the outsider's return, not by a recheck later")
                .isBefore(free.plusSeconds(10));
        assertThat(dialsTo(number)).as("the owner is still paused").isEmpty();
        assertThat(callbacks.find(owned).orElseThrow().waitingForAgent()).isTrue();
    }

    @Test
    void aCallbackWhoseNudgeWasLostIsWokenByTheRecheckWhenAnAgentOfItsTargetIsFree() {
        asterisk.addMember(queue, outsider, "Outsider");
        asterisk.setMemberPaused(queue, outsider, true, "coffee");
        asterisk.setBehaviour(digits(number), CustomerBehaviour.ANSWER);
        UUID callback = pendingCallback(number);
        callCustomer(callback, Map.of("queue", queue), 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.find(callback).orElseThrow().waitingForAgent());

        // the nudge is lost: the agent comes back while the callback is not (yet) seen waiting
        jdbc.sql("update callback set waiting_for = null where id = ?").param(callback).update();
        asterisk.setMemberPaused(queue, outsider, false, null);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
        jdbc.sql("update callback set waiting_for = 'AGENT' where id = ?").param(callback).update();
        assertThat(dialsTo(number)).as("nobody nudged it").isEmpty();

        notifier.recheck();

        Attempt attempt = awaitAttemptEnd(callback);
        assertThat(attempt.agentInterface()).isEqualTo(outsider);
        assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.CONNECTED);
    }

    final String owner = "Local/" + queue + "-owner@agents";
    final String userId = "owner-" + suffix;

    /** The outsider free, the owner (in the directory) paused, and a pending callback of a number that answers. */
    private UUID callbackOfAPausedOwner() {
        asterisk.addMember(queue, outsider, "Outsider");
        asterisk.addMember(queue, owner, "Owner");
        asterisk.setMemberPaused(queue, owner, true, "lunch");
        directory.create(userId, new AgentDetails("Owner", List.of(owner), List.of(queue), List.of()));
        asterisk.setBehaviour(digits(number), CustomerBehaviour.ANSWER);
        return pendingCallback(number);
    }

    private UUID pendingCallback(String number) {
        UUID id = storedCallback(queue, number);
        jdbc.sql("update callback set status = 'PENDING' where id = ?").param(id).update();
        return id;
    }

    private void callCustomer(UUID callbackId, Map<String, Object> target, int ownerWaitSeconds) {
        Map<String, Object> policy = io.ringback.testsupport.CallPolicies.usual(0);
        policy.put("maxAttempts", 1);
        policy.put("retryIntervalSeconds", 1);
        policy.put("timeZone", "America/Sao_Paulo");
        policy.put("deadline", Instant.now().plus(Duration.ofHours(1)).toString());
        policy.put("target", target);
        policy.put("ownerWaitSeconds", ownerWaitSeconds);
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
