package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringback.agent.AgentClaimRepository;
import io.ringback.agent.AgentClaims;
import io.ringback.agent.AgentClaims.Eligible;
import io.ringback.agent.AgentRegistry;
import io.ringback.telephony.MemberReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Never more callbacks in flight for a queue than idle agents: claims in PostgreSQL decide. */
class AgentClaimsTest extends RingbackIntegrationTest {

    @Autowired AgentClaims claims;
    @Autowired AgentClaimRepository claimRows;
    @Autowired AgentRegistry registry;

    final String queue = "claims-" + UUID.randomUUID();

    private UUID callback() {
        return storedCallback(queue, newNumber());
    }

    private String agentIdleFor(long seconds) {
        String iface = "Local/" + UUID.randomUUID() + "@agents";
        registry.report(new MemberReport(queue, iface, "Claimable", 1, false, false,
                Instant.now().minusSeconds(seconds).getEpochSecond(), 0L, 0L));
        return iface;
    }

    @Test
    void twoCallbacksCannotClaimTheSameAgent() {
        String agent = agentIdleFor(120);
        UUID first = callback();
        UUID second = callback();

        var claimed = claims.claim(first, queue, 30, 0);
        var refused = claims.claim(second, queue, 30, 0);

        assertThat(claimed.claimed()).isTrue();
        assertThat(claimed.agentInterface()).isEqualTo(agent);
        assertThat(refused.claimed()).isFalse();
        assertThat(refused.waitSeconds()).isZero();
        assertThat(claims.unclaimedAvailable(queue)).isZero();
    }

    @Test
    void theSameCheckDeliveredAgainKeepsItsClaim() {
        String agent = agentIdleFor(120);
        UUID callback = callback();

        claims.claim(callback, queue, 30, 0);
        var again = claims.claim(callback, queue, 30, 0);

        assertThat(again.claimed()).isTrue();
        assertThat(again.agentInterface()).isEqualTo(agent);
    }

    @Test
    void aReleasedAgentCanBeClaimedByTheNextCallback() {
        agentIdleFor(120);
        UUID first = callback();
        UUID second = callback();
        claims.claim(first, queue, 30, 0);

        claims.release(first);

        assertThat(claims.claim(second, queue, 30, 0).claimed()).isTrue();
    }

    @Test
    void anAgentIdleForLessThanTheIdleTimeMakesTheCallbackWaitTheDifference() {
        agentIdleFor(10);
        UUID callback = callback();

        var result = claims.claim(callback, queue, 30, 0);

        assertThat(result.claimed()).isFalse();
        assertThat(result.waitSeconds()).isBetween(19L, 20L);
    }

    @Test
    void anAgentSeenBecomingFreeIsClaimedOnceIdleLongEnoughToTheMillisecond() throws InterruptedException {
        String agent = "Local/" + UUID.randomUUID() + "@agents";
        registry.report(new MemberReport(queue, agent, "Just free", 2, false, true, 0L, 0L, 0L));
        registry.report(new MemberReport(queue, agent, "Just free", 1, false, false, null, null, null));
        UUID callback = callback();
        Thread.sleep(600);

        var tooSoon = claims.claim(callback, queue, 1, 0);

        assertThat(tooSoon.claimed()).isFalse();
        assertThat(tooSoon.idleWait()).as("idle 0.6 s of 1 s").isBetween(Duration.ofMillis(10), Duration.ofMillis(400));
        Thread.sleep(tooSoon.idleWait().toMillis());
        assertThat(claims.claim(callback, queue, 1, 0).agentInterface()).isEqualTo(agent);
    }

    @Test
    void aCallbackWithCallbacksDueBeforeItWaitsWhileThereAreNoMoreFreeAgentsThanThem() {
        agentIdleFor(120);
        agentIdleFor(120);
        UUID late = callback();

        assertThat(claims.claim(late, queue, 30, 2).claimed()).as("two callbacks due earlier take the two agents").isFalse();
        assertThat(claims.claim(late, queue, 30, 1).claimed()).as("one due earlier leaves one agent").isTrue();
    }

    @Test
    void anExpiredClaimNoLongerReservesTheAgent() {
        String agent = agentIdleFor(600);
        UUID crashed = callback();
        UUID next = callback();
        Instant longAgo = Instant.now().minusSeconds(600);
        assertThat(claimRows.tryClaim(agent, queue, "queue:" + queue, crashed, longAgo, longAgo.plusSeconds(180))).isTrue();

        assertThat(claims.claim(next, queue, 30, 0).claimed()).isTrue();
    }

    @Test
    void aGroupTargetClaimsOnlyItsMembersAndTheOtherAgentsStayFree() {
        String outsider = agentIdleFor(600); // idle longest: a queue target would take this one first
        String member = agentIdleFor(120);
        UUID first = callback();
        UUID second = callback();
        var group = Eligible.only("group:vip@" + queue, queue, Set.of(member.toUpperCase(java.util.Locale.ROOT)));

        var claimed = claims.claim(first, group, 30, 0);
        var refused = claims.claim(second, group, 30, 0);

        assertThat(claimed.claimed()).isTrue();
        assertThat(claimed.agentInterface()).as("interfaces compare without regard to case, as in Asterisk")
                .isEqualTo(member);
        assertThat(refused.claimed()).as("the group's one agent is taken; the outsider is not the group's").isFalse();
        assertThat(claims.unclaimedAvailable(queue)).isEqualTo(1);
        assertThat(claims.claim(callback(), Eligible.queue(queue), 30, 0).agentInterface()).isEqualTo(outsider);
    }

    @Test
    void anAgentTargetWaitsForThatAgentAlone() {
        agentIdleFor(600);
        String owner = "Local/" + UUID.randomUUID() + "@agents";
        var target = Eligible.only("agent:rita@" + queue, queue, Set.of(owner));
        UUID callback = callback();

        assertThat(claims.claim(callback, target, 30, 0).claimed()).as("the owner is not logged in").isFalse();

        registry.report(new MemberReport(queue, owner, "Owner", 1, false, false,
                Instant.now().minusSeconds(10).getEpochSecond(), 0L, 0L));
        var tooSoon = claims.claim(callback, target, 30, 0);
        assertThat(tooSoon.claimed()).isFalse();
        assertThat(tooSoon.waitSeconds()).as("idle 10 s of 30").isBetween(19L, 21L);
        assertThat(claims.claim(callback, target, 5, 0).agentInterface()).isEqualTo(owner);
    }

    @Test
    void anAgentWithNoInterfaceInTheDirectoryIsNeverClaimed() {
        agentIdleFor(600);
        var result = claims.claim(callback(), Eligible.only("agent:nobody@" + queue, queue, Set.of()), 0, 0);
        assertThat(result.claimed()).isFalse();
        assertThat(result.waitSeconds()).isZero();
    }
}
