package io.ringback.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringback.telephony.MemberReport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentRegistryTest {

    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    final MutableClock clock = new MutableClock(NOW);
    final List<String> becameAvailable = new ArrayList<>();
    final AgentRegistry registry = new AgentRegistry(clock, event -> {
        if (event instanceof AgentRegistry.AgentBecameAvailable available) {
            becameAvailable.add(available.queue() + "/" + available.memberInterface());
        }
    });

    static MemberReport member(String iface, int status, boolean paused, boolean inCall, long lastCall, long loginTime) {
        return new MemberReport("support", iface, "Agent " + iface, status, paused, inCall, lastCall, 0L, loginTime);
    }

    @Test
    void aMemberSeenAtConnectIsIdleSinceItsLastCall() {
        long lastCall = NOW.minusSeconds(90).getEpochSecond();
        registry.resync(List.of(member("a1", 1, false, false, lastCall, NOW.minusSeconds(3600).getEpochSecond())));

        assertThat(registry.available("support")).singleElement()
                .satisfies(m -> assertThat(m.idleSince()).isEqualTo(Instant.ofEpochSecond(lastCall)));
    }

    @Test
    void pausedInUseOrInCallMembersAreNotAvailable() {
        registry.resync(List.of(
                member("paused", 1, true, false, 0, 0),
                member("inuse", 2, false, false, 0, 0),
                member("incall", 1, false, true, 0, 0),
                member("free", 1, false, false, 0, 0)));

        assertThat(registry.available("support")).extracting(QueueMember::memberInterface).containsExactly("free");
    }

    @Test
    void aMemberWhoBecomesFreeIsIdleFromThatMomentAndListenersAreTold() {
        registry.report(member("a1", 2, false, true, 0, 0));
        clock.set(NOW.plusSeconds(30));

        registry.report(new MemberReport("support", "a1", null, 1, null, false, null, null, null));

        assertThat(registry.available("support")).singleElement()
                .satisfies(m -> assertThat(m.idleSince()).isEqualTo(NOW.plusSeconds(30)));
        assertThat(becameAvailable).containsExactly("support/a1");
    }

    @Test
    void repeatedStatusEventsOfAFreeMemberKeepItsIdleTime() {
        registry.report(member("a1", 1, false, false, 0, 0));
        Instant idleSince = registry.available("support").getFirst().idleSince();
        clock.set(NOW.plusSeconds(60));

        registry.report(member("a1", 1, false, false, 0, 0));

        assertThat(registry.available("support").getFirst().idleSince()).isEqualTo(idleSince);
        assertThat(becameAvailable).hasSize(1);
    }

    @Test
    void aResyncForgetsMembersNoLongerReported() {
        registry.resync(List.of(member("a1", 1, false, false, 0, 0), member("a2", 1, false, false, 0, 0)));
        registry.resync(List.of(member("a2", 1, false, false, 0, 0)));

        assertThat(registry.members("support")).extracting(QueueMember::memberInterface).containsExactly("a2");
    }

    @Test
    void theLongestIdleMemberComesFirst() {
        registry.resync(List.of(
                member("recent", 1, false, false, NOW.minusSeconds(10).getEpochSecond(), 0),
                member("longest", 1, false, false, NOW.minusSeconds(500).getEpochSecond(), 0)));

        assertThat(registry.available("support")).extracting(QueueMember::memberInterface)
                .containsExactly("longest", "recent");
    }

    @Test
    void queuesThatShareAMemberAreFoundFromEitherSide() {
        registry.resync(List.of(
                new MemberReport("support", "shared", "Shared", 1, false, false, 0L, 0L, 0L),
                new MemberReport("sales", "shared", "Shared", 1, false, false, 0L, 0L, 0L),
                new MemberReport("sales", "s1", "Sales only", 1, false, false, 0L, 0L, 0L),
                new MemberReport("billing", "b1", "Billing only", 1, false, false, 0L, 0L, 0L)));

        assertThat(registry.queuesSharingMembersWith("support")).containsExactlyInAnyOrder("support", "sales");
        assertThat(registry.queuesSharingMembersWith("sales")).containsExactlyInAnyOrder("support", "sales");
        assertThat(registry.queuesSharingMembersWith("billing")).containsExactly("billing");
        assertThat(registry.queuesSharingMembersWith("unknown")).containsExactly("unknown");
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
