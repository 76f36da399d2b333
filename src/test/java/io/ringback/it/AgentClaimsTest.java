package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringback.agent.AgentClaimRepository;
import io.ringback.agent.AgentClaims;
import io.ringback.agent.AgentRegistry;
import io.ringback.telephony.MemberReport;
import java.time.Instant;
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
        assertThat(claimRows.tryClaim(agent, queue, crashed, longAgo, longAgo.plusSeconds(180))).isTrue();

        assertThat(claims.claim(next, queue, 30, 0).claimed()).isTrue();
    }
}
