package io.ringback.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;
import org.junit.jupiter.api.Test;

/**
 * A sticky callback's Originate carries {@code CB_AGENT}: the answered customer runs
 * {@code Dial(${CB_AGENT},20,t)} of docker/asterisk/extensions.conf — connected straight to that agent —
 * and joins the queue only when the agent does not answer.
 */
class CallbackToAgentTest extends SimulatorTestSupport {

    private static final String CHANNEL_ID = "rb-6b0f3f0e-1d2c-4e55-9a40-2f1b7c9d8e11-1";
    private static final String AGENT_TWO = "Local/agent2@agents";

    private org.asteriskjava.manager.action.OriginateAction toAgentTwo() {
        var originate = CallbackOriginate.to(CallbackOriginate.CUSTOMER, "support", "cb-1", CHANNEL_ID);
        originate.setVariable("CB_AGENT", AGENT_TWO);
        return originate;
    }

    @Test
    void theAnsweredCustomerIsDialedThroughToTheAgentNotToWhoeverTheQueuePicks() throws Exception {
        asterisk.setBehaviour("9101", CustomerBehaviour.ANSWER);

        connection.sendAction(toAgentTwo());

        DialEndEvent end = events.await(DialEndEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()));
        assertThat(end.getDialStatus()).isEqualTo("ANSWER");
        assertThat(end.getLinkedId()).isEqualTo(CHANNEL_ID);
        assertThat(end.getChannel()).matches("Local/9101@outbound-[0-9a-f]{8};1");
        assertThat(end.getDestChannel()).matches("Local/agent2@agents-[0-9a-f]{8};1");
        assertThat(end.getDestLinkedId()).isEqualTo(CHANNEL_ID);
        DialBeginEvent begin = events.ofTypes(List.of(DialBeginEvent.class)).stream().map(DialBeginEvent.class::cast)
                .filter(e -> CHANNEL_ID.equals(e.getUniqueId())).findFirst().orElseThrow();
        assertThat(begin.getDialString()).isEqualTo(AGENT_TWO);
        QueueMemberStatusEvent busy = events.await(QueueMemberStatusEvent.class,
                e -> AGENT_TWO.equals(e.getInterface()) && e.getStatus() == 2);
        assertThat(busy.getQueue()).isEqualTo("support");
        events.await(HangupEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()));
        events.await(QueueMemberStatusEvent.class, e -> AGENT_TWO.equals(e.getInterface()) && e.getStatus() == 1);
        assertThat(events.ofTypes(List.of(QueueCallerJoinEvent.class, AgentConnectEvent.class)))
                .as("the queue is never entered").isEmpty();
    }

    @Test
    void anAgentWhoIsLoggedOutIsNotRungAndTheCustomerJoinsTheQueue() throws Exception {
        asterisk.setBehaviour("9101", CustomerBehaviour.ANSWER);
        asterisk.setMemberAvailable("support", AGENT_TWO, false);

        connection.sendAction(toAgentTwo());

        DialEndEvent end = events.await(DialEndEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()));
        assertThat(end.getDialStatus()).isEqualTo("CHANUNAVAIL");
        QueueCallerJoinEvent join = events.await(QueueCallerJoinEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()));
        assertThat(join.getQueue()).isEqualTo("support");
        AgentConnectEvent connect = events.await(AgentConnectEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()));
        assertThat(connect.getInterface()).as("the queue's free agent").isEqualTo("Local/agent1@agents");
    }
}
