package io.ringback.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;
import org.junit.jupiter.api.Test;

class QueueScenarioTest extends SimulatorTestSupport {

    private static final String AGENT_ONE = "Local/agent1@agents";

    @Test
    void abandonedCallerIsReportedWithHoldTimeAndPositions() {
        String uniqueId = asterisk.abandon("support", "5550001", "Alice", 8);

        QueueCallerAbandonEvent abandon = events.await(QueueCallerAbandonEvent.class,
                e -> uniqueId.equals(e.getUniqueId()));
        assertThat(abandon.getQueue()).isEqualTo("support");
        assertThat(abandon.getCallerIdNum()).isEqualTo("5550001");
        assertThat(abandon.getCallerIdName()).isEqualTo("Alice");
        assertThat(abandon.getHoldTime()).isEqualTo(8);
        assertThat(abandon.getPosition()).isEqualTo(1);
        assertThat(abandon.getOriginalPosition()).isEqualTo(1);
        assertThat(abandon.getPrivilege()).isEqualTo("agent,all");
    }

    @Test
    void abandonFollowsTheEventSequenceOfTheCapture() {
        String uniqueId = asterisk.abandon("support", "5550001", "Alice", 8);

        events.await(QueueCallerLeaveEvent.class, e -> uniqueId.equals(e.getUniqueId()));
        assertThat(events.ofTypes(List.of(QueueCallerJoinEvent.class, AgentCalledEvent.class,
                        QueueCallerAbandonEvent.class, QueueCallerLeaveEvent.class)))
                .extracting(ManagerEvent::getClass)
                .containsExactly(QueueCallerJoinEvent.class, AgentCalledEvent.class,
                        QueueCallerAbandonEvent.class, QueueCallerLeaveEvent.class);
    }

    @Test
    void everyAbandonedCallHasItsOwnUniqueid() {
        String first = asterisk.abandon("support", "5550001", "Alice", 8);
        String second = asterisk.abandon("support", "5550001", "Alice", 8);

        assertThat(first).matches("\\d+\\.\\d+").isNotEqualTo(second);
    }

    @Test
    void abandonInAnUnknownQueueIsRejected() {
        assertThatThrownBy(() -> asterisk.abandon("nosuchqueue", "5550001", "Alice", 8))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inboundCallIsConnectedToAFreeAgent() {
        String uniqueId = asterisk.inboundServed("support", "5550002", "Bob");

        AgentConnectEvent connect = events.await(AgentConnectEvent.class, e -> uniqueId.equals(e.getUniqueId()));
        assertThat(connect.getQueue()).isEqualTo("support");
        assertThat(connect.getCallerIdNum()).isEqualTo("5550002");
        assertThat(connect.getInterface()).isEqualTo(AGENT_ONE);
        assertThat(connect.getMemberName()).isEqualTo("Agent One");
        QueueMemberStatusEvent inUse = events.await(QueueMemberStatusEvent.class,
                e -> AGENT_ONE.equals(e.getInterface()) && e.getStatus() == 2);
        assertThat(inUse.getIncall()).isEqualTo(1);
    }

    @Test
    void agentCompletesTheCallAfterTheTalkTimeAndIsFreeAgain() {
        String uniqueId = asterisk.inboundServed("support", "5550002", "Bob");

        AgentCompleteEvent complete = events.await(AgentCompleteEvent.class, e -> uniqueId.equals(e.getUniqueId()));
        assertThat(complete.getReason()).isEqualTo("caller");
        assertThat(complete.getInterface()).isEqualTo(AGENT_ONE);
        QueueMemberStatusEvent free = events.await(QueueMemberStatusEvent.class,
                e -> AGENT_ONE.equals(e.getInterface()) && e.getStatus() == 1);
        assertThat(free.getCallsTaken()).isEqualTo(1);
        assertThat(free.getLastCall()).isPositive();
        assertThat(free.getIncall()).isZero();
    }

    @Test
    void consecutiveInboundCallsGoRoundRobinToTheFreeAgents() {
        String first = asterisk.inboundServed("support", "5550002", "Bob");
        String second = asterisk.inboundServed("support", "5550003", "Carol");

        assertThat(events.await(AgentConnectEvent.class, e -> first.equals(e.getUniqueId())).getInterface())
                .isEqualTo(AGENT_ONE);
        assertThat(events.await(AgentConnectEvent.class, e -> second.equals(e.getUniqueId())).getInterface())
                .isEqualTo("Local/agent2@agents");
    }
}
