package io.ringback.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.AbstractChannelEvent;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.HangupRequestEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.asteriskjava.manager.event.QueueEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;
import org.asteriskjava.manager.event.QueueParamsEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A callback customer who answers, waits in the queue and hangs up there (callback-leaves-queue.txt). */
class CallbackLeavesQueueTest extends SimulatorTestSupport {

    private static final String CHANNEL_ID = "rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1";
    private static final String AGENT_ONE = "Local/agent1@agents";
    private static final String AGENT_TWO = "Local/agent2@agents";
    private static final List<Class<? extends ManagerEvent>> CALL_EVENTS = List.of(OriginateResponseEvent.class,
            QueueCallerJoinEvent.class, AgentCalledEvent.class, AgentConnectEvent.class, HangupRequestEvent.class,
            HangupEvent.class, QueueCallerAbandonEvent.class, QueueCallerLeaveEvent.class,
            QueueMemberStatusEvent.class);

    @BeforeEach
    void customerLeavesTheQueue() {
        asterisk.setBehaviour("9101", CustomerBehaviour.ANSWER_THEN_LEAVE_QUEUE);
    }

    @Test
    void customerAnswersAndJoinsTheQueueOnTheCallbackChannel() throws Exception {
        connection.sendAction(CallbackOriginate.to(CallbackOriginate.CUSTOMER, "support", "cb-1", CHANNEL_ID));

        assertThat(events.await(OriginateResponseEvent.class, e -> "cb-1".equals(e.getActionId())).getReason())
                .isEqualTo(4);
        QueueCallerJoinEvent join = events.await(QueueCallerJoinEvent.class, e -> true);
        assertThat(join.getUniqueId()).isEqualTo(CHANNEL_ID);
        assertThat(join.getLinkedId()).isEqualTo(CHANNEL_ID);
        assertThat(join.getChannel()).matches("Local/9101@outbound-[0-9a-f]{8};1");
        assertThat(join.getCallerIdNum()).isEqualTo("5551234");
        assertThat(join.getCallerIdName()).isEqualTo("Callback");
        assertThat(join.getContext()).isEqualTo("callback");
        assertThat(join.getExten()).isEqualTo("s");
        assertThat(join.getPriority()).isEqualTo(4);
        assertThat(join.getQueue()).isEqualTo("support");
    }

    @Test
    void freeMemberIsRungButNeverAnswers() throws Exception {
        connection.sendAction(CallbackOriginate.to(CallbackOriginate.CUSTOMER, "support", "cb-1", CHANNEL_ID));

        AgentCalledEvent called = events.await(AgentCalledEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()));
        assertThat(called.getInterface()).isEqualTo(AGENT_ONE);
        assertThat(called.getDestChannelState()).isEqualTo("0");
        events.await(QueueCallerLeaveEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()));
        assertThat(events.ofTypes(List.of(AgentConnectEvent.class))).isEmpty();
    }

    @Test
    void customerHangsUpInTheQueueAndTheCallIsAbandoned() throws Exception {
        connection.sendAction(CallbackOriginate.to(CallbackOriginate.CUSTOMER, "support", "cb-1", CHANNEL_ID));

        QueueCallerAbandonEvent abandon = events.await(QueueCallerAbandonEvent.class,
                e -> CHANNEL_ID.equals(e.getUniqueId()));
        assertThat(abandon.getQueue()).isEqualTo("support");
        assertThat(abandon.getCallerIdNum()).isEqualTo("5551234");
        assertThat(abandon.getPosition()).isEqualTo(1);
        assertThat(abandon.getOriginalPosition()).isEqualTo(1);
        assertThat(abandon.getHoldTime()).isZero();
        assertThat(events.await(QueueCallerLeaveEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId())).getCount())
                .isZero();
        HangupEvent hangup = events.await(HangupEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()));
        assertThat(hangup.getCause()).isEqualTo(16);
        assertThat(hangup.getCauseTxt()).isEqualTo("Normal Clearing");
    }

    @Test
    void leavingTheQueueFollowsTheEventSequenceOfTheCapture() throws Exception {
        connection.sendAction(CallbackOriginate.to(CallbackOriginate.CUSTOMER, "support", "cb-1", CHANNEL_ID));

        events.await(HangupEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()));
        List<ManagerEvent> sequence = events.ofTypes(CALL_EVENTS);
        assertThat(sequence).extracting(e -> e.getClass().getSimpleName() + " " + channelOf(e)).containsExactly(
                "OriginateResponseEvent Local/9101@outbound;1",
                "QueueCallerJoinEvent Local/9101@outbound;1",
                "AgentCalledEvent Local/9101@outbound;1",
                "HangupRequestEvent Local/9101@outbound;1",
                "HangupEvent Local/9101@outbound;2",
                "HangupRequestEvent Local/agent1@agents;2",
                "HangupEvent Local/agent1@agents;2",
                "HangupEvent Local/agent1@agents;1",
                "QueueCallerAbandonEvent Local/9101@outbound;1",
                "QueueCallerLeaveEvent Local/9101@outbound;1",
                "HangupEvent Local/9101@outbound;1");
    }

    @Test
    void halvesAndRungMemberHangUpWithTheCausesOfTheCapture() throws Exception {
        connection.sendAction(CallbackOriginate.to(CallbackOriginate.CUSTOMER, "support", "cb-1", CHANNEL_ID));

        events.await(HangupEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()));
        HangupEvent customer = events.await(HangupEvent.class, e -> (CHANNEL_ID + ";2").equals(e.getUniqueId()));
        assertThat(customer.getCause()).isEqualTo(16);
        assertThat(customer.getContext()).isEqualTo("customers");
        assertThat(customer.getExten()).isEqualTo("101");
        assertThat(customer.getLinkedId()).isEqualTo(CHANNEL_ID);
        assertThat(events.await(HangupRequestEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId())).getCause())
                .isEqualTo(16);
        assertThat(events.awaitCount(HangupEvent.class, e -> e.getChannel().startsWith(AGENT_ONE), 2))
                .allSatisfy(agent -> {
                    assertThat(agent.getCause()).isZero();
                    // The wire says "Cause-txt: Unknown" (see RawCallbackEventsTest); asterisk-java maps it to null.
                    assertThat(agent.getCauseTxt()).isNull();
                    assertThat(agent.getLinkedId()).isEqualTo(CHANNEL_ID);
                });
    }

    @Test
    void withoutAFreeMemberNobodyIsRung() throws Exception {
        asterisk.setMemberAvailable("support", AGENT_ONE, false);
        asterisk.setMemberPaused("support", AGENT_TWO, true, "lunch");

        connection.sendAction(CallbackOriginate.to(CallbackOriginate.CUSTOMER, "support", "cb-1", CHANNEL_ID));

        events.await(HangupEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()));
        assertThat(events.ofTypes(CALL_EVENTS)).filteredOn(e -> !(e instanceof QueueMemberStatusEvent))
                .extracting(e -> e.getClass().getSimpleName() + " " + channelOf(e)).containsExactly(
                        "OriginateResponseEvent Local/9101@outbound;1",
                        "QueueCallerJoinEvent Local/9101@outbound;1",
                        "HangupRequestEvent Local/9101@outbound;1",
                        "HangupEvent Local/9101@outbound;2",
                        "QueueCallerAbandonEvent Local/9101@outbound;1",
                        "QueueCallerLeaveEvent Local/9101@outbound;1",
                        "HangupEvent Local/9101@outbound;1");
    }

    @Test
    void customerWaitsTheConfiguredTimeBeforeHangingUp() throws Exception {
        startWith(fastConfig().withLeaveQueueAfter(Duration.ofMillis(1_100)));
        asterisk.setBehaviour("9101", CustomerBehaviour.ANSWER_THEN_LEAVE_QUEUE);

        connection.sendAction(CallbackOriginate.to(CallbackOriginate.CUSTOMER, "support", "cb-1", CHANNEL_ID));

        QueueCallerJoinEvent join = events.await(QueueCallerJoinEvent.class, e -> true);
        QueueCallerAbandonEvent abandon = events.await(QueueCallerAbandonEvent.class, e -> true);
        assertThat(abandon.getDateReceived().getTime() - join.getDateReceived().getTime())
                .isGreaterThanOrEqualTo(1_000);
        assertThat(abandon.getHoldTime()).isEqualTo(1);
    }

    @Test
    void waitingCustomerIsListedAndTheAbandonIsCountedByQueueStatus() throws Exception {
        startWith(fastConfig().withLeaveQueueAfter(Duration.ofSeconds(2)));
        asterisk.setBehaviour("9101", CustomerBehaviour.ANSWER_THEN_LEAVE_QUEUE);
        connection.sendAction(CallbackOriginate.to(CallbackOriginate.CUSTOMER, "support", "cb-1", CHANNEL_ID));
        events.await(QueueCallerJoinEvent.class, e -> true);

        assertThat(supportParams().getCalls()).isEqualTo(1);

        events.await(QueueCallerLeaveEvent.class, e -> true);
        QueueParamsEvent after = supportParams();
        assertThat(after.getCalls()).isZero();
        assertThat(after.getAbandoned()).isEqualTo(1);
        assertThat(after.getCompleted()).isZero();
    }

    @Test
    void rungMemberStaysFree() throws Exception {
        connection.sendAction(CallbackOriginate.to(CallbackOriginate.CUSTOMER, "support", "cb-1", CHANNEL_ID));
        events.await(HangupEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()));

        QueueStatusAction support = new QueueStatusAction();
        support.setQueue("support");
        ResponseEvents status = connection.sendEventGeneratingAction(support);

        assertThat(status.getEvents()).filteredOn(QueueMemberEvent.class::isInstance)
                .map(QueueMemberEvent.class::cast)
                .filteredOn(member -> AGENT_ONE.equals(member.getInterface()))
                .singleElement().satisfies(member -> {
                    assertThat(member.getStatus()).isEqualTo(1);
                    assertThat(member.getIncall()).isZero();
                    assertThat(member.getCallsTaken()).isZero();
                });
        assertThat(events.ofTypes(List.of(QueueMemberStatusEvent.class))).isEmpty();
    }

    @Test
    void answeredCallbackBehindTheLeavingOneIsServedFromPositionTwo() throws Exception {
        startWith(fastConfig().withLeaveQueueAfter(Duration.ofSeconds(1)));
        asterisk.setBehaviour("9101", CustomerBehaviour.ANSWER_THEN_LEAVE_QUEUE);
        asterisk.setBehaviour("9102", CustomerBehaviour.ANSWER);
        connection.sendAction(CallbackOriginate.to(CallbackOriginate.CUSTOMER, "support", "cb-1", CHANNEL_ID));
        events.await(QueueCallerJoinEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()));

        connection.sendAction(CallbackOriginate.to("Local/9102@outbound", "support", "cb-2", "uid-cb-2"));

        events.await(AgentConnectEvent.class, e -> "uid-cb-2".equals(e.getUniqueId()));
        QueueCallerLeaveEvent served = events.await(QueueCallerLeaveEvent.class,
                e -> "uid-cb-2".equals(e.getUniqueId()));
        assertThat(served.getPosition()).isEqualTo(2);
        assertThat(served.getCount()).isEqualTo(1);
        QueueCallerAbandonEvent abandon = events.await(QueueCallerAbandonEvent.class,
                e -> CHANNEL_ID.equals(e.getUniqueId()));
        assertThat(abandon.getPosition()).isEqualTo(1);
    }

    private QueueParamsEvent supportParams() throws Exception {
        QueueStatusAction support = new QueueStatusAction();
        support.setQueue("support");
        ResponseEvents status = connection.sendEventGeneratingAction(support);
        return status.getEvents().stream().filter(QueueParamsEvent.class::isInstance).map(QueueParamsEvent.class::cast)
                .findFirst().orElseThrow();
    }

    /** The channel without its sequence number: {@code Local/9101@outbound;1}. */
    static String channelOf(ManagerEvent event) {
        String channel = switch (event) {
            case OriginateResponseEvent response -> response.getChannel();
            case QueueEvent queue -> queue.getChannel();
            case AbstractChannelEvent channelEvent -> channelEvent.getChannel();
            case AgentCalledEvent called -> called.getChannel();
            default -> "";
        };
        return channel.replaceAll("-[0-9a-f]{8};", ";");
    }
}
